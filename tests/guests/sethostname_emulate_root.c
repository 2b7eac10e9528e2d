// policy: hostnames-root.toml
// stdout: ok

/* sethostname as root changes the name gethostname answers (len bytes, no terminator needed);
 * more than 64 bytes is EINVAL. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  char buf[128];
  CHECK_INT(sethostname("sandboxed-host", 9), 0);
  CHECK_INT(gethostname(buf, sizeof buf), 0);
  CHECK_STR(buf, "sandboxed");
  memset(buf, 'a', sizeof buf);
  errno = 0;
  CHECK_INT(sethostname(buf, 65), -1);
  CHECK_INT(errno, EINVAL);
  CHECK_INT(gethostname(buf, sizeof buf), 0);
  CHECK_STR(buf, "sandboxed");
  puts("ok");
  return 0;
}
