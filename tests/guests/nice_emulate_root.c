// policy: root.toml
// stdout: ok

/* nice as root: the nice value may go down, clamped at -20. */
#include <errno.h>
#include <stdio.h>
#include <sys/resource.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  CHECK_INT(nice(-5), -5);
  CHECK_INT(nice(-100), -20);
  CHECK_INT(nice(3), -17);
  CHECK_INT(getpriority(PRIO_PROCESS, 0), -17);
  puts("ok");
  return 0;
}
