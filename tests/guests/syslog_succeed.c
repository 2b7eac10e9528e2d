// policy: syslog-drop.toml
// stdout: ok
// stderr-count: 0 dropped

/* Under succeed openlog, syslog and closelog report nothing and every message is dropped. */
#include <stdio.h>
#include <syslog.h>

#include "guest.h"

int main(void) {
  openlog("guest", LOG_PID, LOG_USER);
  syslog(LOG_EMERG, "dropped");
  closelog();
  puts("ok");
  return 0;
}
