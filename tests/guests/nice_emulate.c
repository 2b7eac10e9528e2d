// policy: default
// stdout: ok

/* nice as uid 1000: raising the nice value works and clamps at 19; lowering it is EPERM and changes nothing. */
#include <errno.h>
#include <stdio.h>
#include <sys/resource.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  errno = 0;
  CHECK_INT(nice(0), 0);
  CHECK_INT(nice(5), 5);
  CHECK_INT(getpriority(PRIO_PROCESS, 0), 5);
  CHECK_INT(nice(100), 19);
  CHECK_INT(errno, 0);
  errno = 0;
  CHECK_INT(nice(-1), -1);
  CHECK_INT(errno, EPERM);
  CHECK_INT(getpriority(PRIO_PROCESS, 0), 19);
  puts("ok");
  return 0;
}
