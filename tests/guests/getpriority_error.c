// policy: strict
// stdout: ok

/* getpriority under the strict policy: -1 with errno ENOSYS. */
#include <errno.h>
#include <stdio.h>
#include <sys/resource.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  errno = 0;
  CHECK_INT(getpriority(PRIO_PROCESS, 0), -1);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
