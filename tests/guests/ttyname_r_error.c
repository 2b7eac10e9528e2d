// policy: strict
// stdout: ok

/* ttyname_r under the strict policy: returns ENOSYS. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  char buf[64];
  errno = 0;
  CHECK_INT(ttyname_r(0, buf, sizeof buf), ENOSYS);
  puts("ok");
  return 0;
}
