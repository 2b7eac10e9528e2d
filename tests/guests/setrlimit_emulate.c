// policy: default
// stdout: ok

/* setrlimit as uid 1000: lowering soft and hard limits works and getrlimit sees it; a soft limit
 * above the hard one is EINVAL; raising the hard limit back is EPERM for a non-root user; raising
 * the soft limit up to the hard one is allowed. */
#include <errno.h>
#include <stdio.h>
#include <sys/resource.h>

#include "guest.h"

int main(void) {
  struct rlimit rl = {.rlim_cur = 100, .rlim_max = 200};
  CHECK_INT(setrlimit(RLIMIT_NOFILE, &rl), 0);
  CHECK_INT(getrlimit(RLIMIT_NOFILE, &rl), 0);
  CHECK_INT(rl.rlim_cur, 100);
  CHECK_INT(rl.rlim_max, 200);
  rl.rlim_cur = 300;
  errno = 0;
  CHECK_INT(setrlimit(RLIMIT_NOFILE, &rl), -1);
  CHECK_INT(errno, EINVAL);
  rl.rlim_cur = 100;
  rl.rlim_max = 4096;
  errno = 0;
  CHECK_INT(setrlimit(RLIMIT_NOFILE, &rl), -1);
  CHECK_INT(errno, EPERM);
  rl.rlim_cur = 200;
  rl.rlim_max = 200;
  CHECK_INT(setrlimit(RLIMIT_NOFILE, &rl), 0);
  CHECK_INT(getrlimit(RLIMIT_NOFILE, &rl), 0);
  CHECK_INT(rl.rlim_cur, 200);
  rl.rlim_cur = rl.rlim_max = RLIM_INFINITY;
  CHECK_INT(setrlimit(RLIMIT_CPU, &rl),
            0); /* the same hard limit: not a raise */
  errno = 0;
  CHECK_INT(setrlimit(99, &rl), -1);
  CHECK_INT(errno, EINVAL);
  puts("ok");
  return 0;
}
