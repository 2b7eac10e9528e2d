// policy: strict
// stdout: ok

/* getpid under the strict policy: (pid_t)-1 with errno ENOSYS. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  errno = 0;
  CHECK_INT(getpid(), -1);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
