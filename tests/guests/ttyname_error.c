// policy: strict
// stdout: ok

/* ttyname under the strict policy: returns NULL with errno ENOSYS. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  errno = 0;
  CHECK(ttyname(0) == NULL);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
