// policy: default
// stdout: ok

/* setdomainname as uid 1000: EPERM, and the domain stays. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  char buf[64];
  errno = 0;
  CHECK_INT(setdomainname("example.org", 11), -1);
  CHECK_INT(errno, EPERM);
  CHECK_INT(getdomainname(buf, sizeof buf), 0);
  CHECK_STR(buf, "(none)");
  puts("ok");
  return 0;
}
