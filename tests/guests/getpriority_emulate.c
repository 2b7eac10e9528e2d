// policy: default
// stdout: ok

/* getpriority: 0 at start for this process, its group and its user; other targets are ESRCH, an unknown `which` EINVAL. */
#include <errno.h>
#include <stdio.h>
#include <sys/resource.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  errno = 0;
  CHECK_INT(getpriority(PRIO_PROCESS, 0), 0);
  CHECK_INT(getpriority(PRIO_PROCESS, getpid()), 0);
  CHECK_INT(getpriority(PRIO_PGRP, 0), 0);
  CHECK_INT(getpriority(PRIO_USER, geteuid()), 0);
  CHECK_INT(errno, 0);
  errno = 0;
  CHECK_INT(getpriority(PRIO_PROCESS, getpid() + 1), -1);
  CHECK_INT(errno, ESRCH);
  errno = 0;
  CHECK_INT(getpriority(PRIO_USER, geteuid() + 1), -1);
  CHECK_INT(errno, ESRCH);
  errno = 0;
  CHECK_INT(getpriority(99, 0), -1);
  CHECK_INT(errno, EINVAL);
  puts("ok");
  return 0;
}
