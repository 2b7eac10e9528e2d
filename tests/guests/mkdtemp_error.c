// policy: strict
// stdout: ok

/* mkdtemp under the strict policy: returns NULL with errno ENOSYS. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "guest.h"

int main(void) {
  char t[] = "./guestXXXXXX";
  errno = 0;
  CHECK(mkdtemp(t) == NULL);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
