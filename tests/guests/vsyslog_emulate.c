// policy: default
// stdout: ok
// stderr-contains: wrapper: crit: 7 of 9 failed

/* vsyslog formats its va_list like syslog. */
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
  openlog("wrapper", 0, LOG_LOCAL0);
  log_it(LOG_CRIT, "%d of %d %s", 7, 9, "failed");
  puts("ok");
  return 0;
}
