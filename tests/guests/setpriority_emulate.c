// policy: default
// stdout: ok

/* setpriority as uid 1000: raising works (clamped at 19); lowering is EACCES; other targets ESRCH. */
#include <errno.h>
#include <stdio.h>
#include <sys/resource.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  CHECK_INT(setpriority(PRIO_PROCESS, 0, 10), 0);
  CHECK_INT(getpriority(PRIO_PROCESS, 0), 10);
  errno = 0;
  CHECK_INT(setpriority(PRIO_PROCESS, 0, 5), -1);
  CHECK_INT(errno, EACCES);
  CHECK_INT(getpriority(PRIO_PROCESS, 0), 10);
  CHECK_INT(setpriority(PRIO_USER, geteuid(), 50), 0);
  CHECK_INT(getpriority(PRIO_PROCESS, 0), 19);
  CHECK_INT(nice(0), 19);
  errno = 0;
  CHECK_INT(setpriority(PRIO_PROCESS, getpid() + 1, 19), -1);
  CHECK_INT(errno, ESRCH);
  puts("ok");
  return 0;
}
