// policy: default
// stdout: ok
// stderr-count: 1 shown
// stderr-count: 0 hidden

/* setlogmask: masked priorities are not written; it returns the previous mask, and 0 only queries. */
#include <stdio.h>
#include <syslog.h>

#include "guest.h"

int main(void) {
  openlog("mask", 0, LOG_USER);
  CHECK_INT(setlogmask(LOG_UPTO(LOG_WARNING)), LOG_UPTO(LOG_DEBUG));
  CHECK_INT(setlogmask(0), LOG_UPTO(LOG_WARNING));
  syslog(LOG_INFO, "hidden");
  syslog(LOG_ERR, "shown");
  CHECK_INT(setlogmask(LOG_MASK(LOG_DEBUG)), LOG_UPTO(LOG_WARNING));
  syslog(LOG_ERR, "hidden");
  puts("ok");
  return 0;
}
