// policy: resources-root.toml
// stdout: ok

/* setrlimit as root: a hard limit may be raised again after lowering it. */
#include <stdio.h>
#include <sys/resource.h>

#include "guest.h"

int main(void) {
  struct rlimit rl = {.rlim_cur = 10, .rlim_max = 10};
  CHECK_INT(setrlimit(RLIMIT_NOFILE, &rl), 0);
  rl.rlim_cur = 1024;
  rl.rlim_max = 65536;
  CHECK_INT(setrlimit(RLIMIT_NOFILE, &rl), 0);
  CHECK_INT(getrlimit(RLIMIT_NOFILE, &rl), 0);
  CHECK_INT(rl.rlim_max, 65536);
  puts("ok");
  return 0;
}
