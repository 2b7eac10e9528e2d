// policy: default
// stdout: ok

/* getdomainname answers the default policy's domain, "(none)"; EINVAL when it does not fit. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  char buf[64];
  CHECK_INT(getdomainname(buf, sizeof buf), 0);
  CHECK_STR(buf, "(none)");
  errno = 0;
  CHECK_INT(getdomainname(buf, 3), -1);
  CHECK_INT(errno, EINVAL);
  puts("ok");
  return 0;
}
