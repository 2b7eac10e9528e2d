// policy: default
// stdout: ok

/* prlimit on this process (pid 0 or getpid()) sets and returns the old limit in one call; any other
 * pid is ESRCH. */
#define _GNU_SOURCE 1
#include <errno.h>
#include <stdio.h>
#include <sys/resource.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  struct rlimit new_limit = {.rlim_cur = 64, .rlim_max = 128}, old;
  CHECK_INT(prlimit(0, RLIMIT_NOFILE, &new_limit, &old), 0);
  CHECK_INT(old.rlim_cur, 1024);
  CHECK_INT(old.rlim_max, 4096);
  CHECK_INT(prlimit(getpid(), RLIMIT_NOFILE, NULL, &old), 0);
  CHECK_INT(old.rlim_cur, 64);
  CHECK_INT(old.rlim_max, 128);
  errno = 0;
  CHECK_INT(prlimit(4242, RLIMIT_NOFILE, NULL, &old), -1);
  CHECK_INT(errno, ESRCH);
  puts("ok");
  return 0;
}
