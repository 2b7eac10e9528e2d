// policy: strict
// stdout: ok

/* getppid under the strict policy: (pid_t)-1 with errno ENOSYS. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  errno = 0;
  CHECK_INT(getppid(), -1);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
