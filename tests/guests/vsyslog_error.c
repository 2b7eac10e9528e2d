// policy: strict
// stdout: ok
// stderr-count: 0 must not appear

/* vsyslog under the strict policy: does nothing but set errno to ENOSYS. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <syslog.h>

#include "guest.h"

static void log_it(int priority, const char *format, ...) {
  va_list ap;
  va_start(ap, format);
  vsyslog(priority, format, ap);
  va_end(ap);
}

int main(void) {
  errno = 0;
  log_it(LOG_ERR, "must not appear %d", 1);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
