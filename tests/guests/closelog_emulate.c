// policy: default
// stdout: ok
// stderr-contains: guest[42]: err: before
// stderr-contains: closelog_emulate.wasm: err: after
// stderr-count: 0 guest[42]: err: after

/* closelog forgets openlog's ident and options: later lines use the program's name, without pid. */
#include <stdio.h>
#include <syslog.h>

#include "guest.h"

int main(void) {
  openlog("guest", LOG_PID, LOG_USER);
  syslog(LOG_ERR, "before");
  closelog();
  syslog(LOG_ERR, "after");
  puts("ok");
  return 0;
}
