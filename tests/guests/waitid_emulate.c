// policy: default
// stdout: ok

/* waitid: ECHILD for a valid request; a bad idtype or options without WEXITED/WSTOPPED/WCONTINUED are EINVAL. */
#include <errno.h>
#include <stdio.h>
#include <sys/wait.h>

#include "guest.h"

int main(void) {
  siginfo_t info;
  errno = 0;
  CHECK_INT(waitid(P_ALL, 0, &info, WEXITED), -1);
  CHECK_INT(errno, ECHILD);
  errno = 0;
  CHECK_INT(waitid(P_PID, 3, &info, WEXITED | WNOHANG), -1);
  CHECK_INT(errno, ECHILD);
  errno = 0;
  CHECK_INT(waitid(P_ALL, 0, &info, 0), -1);
  CHECK_INT(errno, EINVAL);
  errno = 0;
  CHECK_INT(waitid((idtype_t)99, 0, &info, WEXITED), -1);
  CHECK_INT(errno, EINVAL);
  puts("ok");
  return 0;
}
