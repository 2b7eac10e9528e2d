// policy: strict
// stdout: ok

/* ftrylockfile under strict: -1 (lock not acquired) with errno ENOSYS. */
#include <errno.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  errno = 0;
  CHECK_INT(ftrylockfile(stdout), -1);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
