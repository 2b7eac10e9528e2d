// policy: default
// stdout: ok
// stderr-contains: guest[42]: notice: with pid
// stderr-contains: other: info: without pid

/* openlog's ident names each line; LOG_PID adds the process id (42 under the default policy). */
#include <stdio.h>
#include <syslog.h>

#include "guest.h"

int main(void) {
  openlog("guest", LOG_PID | LOG_PERROR, LOG_DAEMON);
  syslog(LOG_NOTICE, "with pid");
  openlog("other", 0, 0);
  syslog(LOG_INFO, "without pid");
  puts("ok");
  return 0;
}
