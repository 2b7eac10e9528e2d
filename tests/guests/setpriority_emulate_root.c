// policy: root.toml
// stdout: ok

/* setpriority as root: lowering works, clamped at -20. */
#include <errno.h>
#include <stdio.h>
#include <sys/resource.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  CHECK_INT(setpriority(PRIO_PROCESS, 0, -10), 0);
  CHECK_INT(getpriority(PRIO_PROCESS, 0), -10);
  CHECK_INT(setpriority(PRIO_PROCESS, 0, -99), 0);
  CHECK_INT(getpriority(PRIO_PROCESS, 0), -20);
  puts("ok");
  return 0;
}
