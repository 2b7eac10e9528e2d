// policy: strict
// stdout: ok

/* setlogmask under the strict policy: returns 0 with errno ENOSYS. */
#include <errno.h>
#include <stdio.h>
#include <syslog.h>

#include "guest.h"

int main(void) {
  errno = 0;
  CHECK_INT(setlogmask(LOG_UPTO(LOG_ERR)), 0);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
