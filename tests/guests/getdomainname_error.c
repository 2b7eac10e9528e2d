// policy: strict
// stdout: ok

/* getdomainname under the strict policy: returns -1 with errno ENOSYS. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  char buf[256];
  errno = 0;
  CHECK_INT(getdomainname(buf, sizeof buf), -1);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
