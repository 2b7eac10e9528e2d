// policy: strict
// stdout: ok

/* openlog under the strict policy: does nothing but set errno to ENOSYS. */
#include <errno.h>
#include <stdio.h>
#include <syslog.h>

#include "guest.h"

int main(void) {
  errno = 0;
  openlog("guest", LOG_PID, LOG_USER);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
