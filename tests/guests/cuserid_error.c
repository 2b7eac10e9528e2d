// policy: strict
// stdout: ok

/* cuserid under the strict policy: returns NULL with errno ENOSYS. */
#include <errno.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  char buf[L_cuserid];
  errno = 0;
  CHECK(cuserid(buf) == NULL);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
