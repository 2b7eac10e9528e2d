// policy: default
// stdout: ok
// stderr-contains: syslog_emulate.wasm: err: disk 3 is on fire
// stderr-contains: syslog_emulate.wasm: warning: open failed: No such file or directory
// stderr-count: 1 syslog_emulate.wasm: debug: last line
// stderr-count: 3 syslog_emulate.wasm:

/* syslog without openlog: one stderr line per message, named after argv[0]'s basename, with the level
 * name; %m is strerror(errno) and a trailing newline is not doubled. */
#include <errno.h>
#include <stdio.h>
#include <syslog.h>

#include "guest.h"

int main(void) {
  syslog(LOG_ERR, "disk %d is on fire", 3);
  errno = ENOENT;
  syslog(LOG_USER | LOG_WARNING, "open failed: %m");
  CHECK_INT(errno, ENOENT);
  syslog(LOG_DEBUG, "last line\n");
  puts("ok");
  return 0;
}
