// policy: strict
// stdout: ok

/* waitid under the strict policy: -1 with errno ENOSYS. */
#include <errno.h>
#include <stdio.h>
#include <sys/wait.h>

#include "guest.h"

int main(void) {
  siginfo_t info;
  errno = 0;
  CHECK_INT(waitid(P_ALL, 0, &info, WEXITED), -1);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
