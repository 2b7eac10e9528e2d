// policy: default
// stdout: ok

/* system: NULL answers 0 (no shell is available); a command fails with -1 and ENOSYS. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "guest.h"

int main(void) {
  CHECK_INT(system(NULL), 0);
  errno = 0;
  CHECK_INT(system("echo hi"), -1);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
