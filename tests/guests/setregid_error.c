// policy: strict
// stdout: ok

/* setregid under the strict policy: -1 with errno ENOSYS. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  errno = 0;
  CHECK_INT(setregid(1000, 1000), -1);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
