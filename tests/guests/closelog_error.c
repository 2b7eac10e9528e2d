// policy: strict
// stdout: ok

/* closelog under the strict policy: does nothing but set errno to ENOSYS. */
#include <errno.h>
#include <stdio.h>
#include <syslog.h>

#include "guest.h"

int main(void) {
  errno = 0;
  closelog();
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
