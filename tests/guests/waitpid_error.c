// policy: strict
// stdout: ok

/* waitpid under the strict policy: -1 with errno ENOSYS. */
#include <errno.h>
#include <stdio.h>
#include <sys/wait.h>

#include "guest.h"

int main(void) {
  errno = 0;
  CHECK_INT(waitpid(-1, NULL, 0), -1);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
