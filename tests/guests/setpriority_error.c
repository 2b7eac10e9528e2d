// policy: strict
// stdout: ok

/* setpriority under the strict policy: -1 with errno ENOSYS. */
#include <errno.h>
#include <stdio.h>
#include <sys/resource.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  errno = 0;
  CHECK_INT(setpriority(PRIO_PROCESS, 0, 1), -1);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
