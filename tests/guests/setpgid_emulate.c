// policy: default
// stdout: ok

/* setpgid: joining its own group succeeds; another pid is ESRCH, another group EPERM, a negative group EINVAL. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  CHECK_INT(setpgid(0, 0), 0);
  CHECK_INT(setpgid(getpid(), getpid()), 0);
  CHECK_INT(setpgid(0, getpid()), 0);
  errno = 0;
  CHECK_INT(setpgid(0, -1), -1);
  CHECK_INT(errno, EINVAL);
  errno = 0;
  CHECK_INT(setpgid(getpid() + 1, 0), -1);
  CHECK_INT(errno, ESRCH);
  errno = 0;
  CHECK_INT(setpgid(0, getpid() + 1), -1);
  CHECK_INT(errno, EPERM);
  CHECK_INT(getpgrp(), getpid());
  puts("ok");
  return 0;
}
