// policy: default
// stdout: ok

/* gethostname answers the default policy's host name, "localhost"; ENAMETOOLONG when it does not fit. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  char buf[256];
  CHECK_INT(gethostname(buf, sizeof buf), 0);
  CHECK_STR(buf, "localhost");
  errno = 0;
  CHECK_INT(gethostname(buf, 4), -1);
  CHECK_INT(errno, ENAMETOOLONG);
  puts("ok");
  return 0;
}
