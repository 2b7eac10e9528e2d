// policy: default
// stdout: ok

/* sethostname as uid 1000: EPERM, and the name stays. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  char buf[64];
  errno = 0;
  CHECK_INT(sethostname("box", 3), -1);
  CHECK_INT(errno, EPERM);
  CHECK_INT(gethostname(buf, sizeof buf), 0);
  CHECK_STR(buf, "localhost");
  puts("ok");
  return 0;
}
