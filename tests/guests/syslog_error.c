// policy: strict
// stdout: ok
// stderr-count: 0 must not appear

/* syslog under the strict policy: does nothing but set errno to ENOSYS. */
#include <errno.h>
#include <stdio.h>
#include <syslog.h>

#include "guest.h"

int main(void) {
  errno = 0;
  syslog(LOG_ERR, "must not appear");
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
