// policy: default
// stdout: ok

/* getrlimit reports the default policy's [limits]: 1024/4096 open files, no core dumps, one process,
 * unlimited CPU, file size, data and address space, and the linked stack (wasm-ld's 64 KiB by
 * default) as soft and hard stack limit; an unknown resource is EINVAL. */
#include <errno.h>
#include <stdio.h>
#include <sys/resource.h>

#include "guest.h"

int main(void) {
  struct rlimit rl;
  CHECK_INT(getrlimit(RLIMIT_NOFILE, &rl), 0);
  CHECK_INT(rl.rlim_cur, 1024);
  CHECK_INT(rl.rlim_max, 4096);
  CHECK_INT(getrlimit(RLIMIT_CORE, &rl), 0);
  CHECK_INT(rl.rlim_cur, 0);
  CHECK_INT(rl.rlim_max, 0);
  CHECK_INT(getrlimit(RLIMIT_NPROC, &rl), 0);
  CHECK_INT(rl.rlim_cur, 1);
  const int unlimited[] = {RLIMIT_CPU, RLIMIT_FSIZE, RLIMIT_DATA, RLIMIT_AS,
                           RLIMIT_MEMLOCK};
  for (unsigned i = 0; i < sizeof unlimited / sizeof unlimited[0]; i++) {
    CHECK_INT(getrlimit(unlimited[i], &rl), 0);
    CHECK(rl.rlim_cur == RLIM_INFINITY && rl.rlim_max == RLIM_INFINITY);
  }
  CHECK_INT(getrlimit(RLIMIT_STACK, &rl), 0);
  CHECK_INT(rl.rlim_cur, 65536);
  CHECK_INT(rl.rlim_max, 65536);
  errno = 0;
  CHECK_INT(getrlimit(RLIMIT_NLIMITS, &rl), -1);
  CHECK_INT(errno, EINVAL);
  errno = 0;
  CHECK_INT(getrlimit(-1, &rl), -1);
  CHECK_INT(errno, EINVAL);
  puts("ok");
  return 0;
}
