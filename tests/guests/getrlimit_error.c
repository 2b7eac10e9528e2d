// policy: strict
// stdout: ok

/* getrlimit under the strict policy: -1 with errno ENOSYS. */
#define _GNU_SOURCE 1
#include <errno.h>
#include <stdio.h>
#include <sys/resource.h>

#include "guest.h"

int main(void) {
  struct rlimit rl = {.rlim_cur = 1, .rlim_max = 1};
  errno = 0;
  CHECK_INT(getrlimit(RLIMIT_NOFILE, &rl), -1);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
