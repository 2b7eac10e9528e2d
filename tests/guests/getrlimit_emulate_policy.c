// policy: resources-limits.toml
// stdout: ok

/* getrlimit with a policy's [limits] table: 256/512 open files, "unlimited" (-1) core dumps, an
 * explicit stack limit of 1 MiB and a 64 MiB address space. */
#include <stdio.h>
#include <sys/resource.h>

#include "guest.h"

int main(void) {
  struct rlimit rl;
  CHECK_INT(getrlimit(RLIMIT_NOFILE, &rl), 0);
  CHECK_INT(rl.rlim_cur, 256);
  CHECK_INT(rl.rlim_max, 512);
  CHECK_INT(getrlimit(RLIMIT_CORE, &rl), 0);
  CHECK(rl.rlim_cur == RLIM_INFINITY && rl.rlim_max == RLIM_INFINITY);
  CHECK_INT(getrlimit(RLIMIT_STACK, &rl), 0);
  CHECK_INT(rl.rlim_cur, 1048576);
  CHECK_INT(getrlimit(RLIMIT_AS, &rl), 0);
  CHECK_INT(rl.rlim_max, 67108864);
  puts("ok");
  return 0;
}
