// policy: syslog-ident.toml
// stdout: ok
// stderr-contains: daemon: info: from the policy
// stderr-contains: mine: info: from openlog

/* The policy's [syslog] ident names lines when openlog gave none; openlog's ident wins. */
#include <stdio.h>
#include <syslog.h>

#include "guest.h"

int main(void) {
  syslog(LOG_INFO, "from the policy");
  openlog("mine", 0, 0);
  syslog(LOG_INFO, "from openlog");
  puts("ok");
  return 0;
}
