// policy: strict
// stdout: ok

/* getloadavg under the strict policy: -1 ("unobtainable") with errno ENOSYS. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "guest.h"

int main(void) {
  double load[3];
  errno = 0;
  CHECK_INT(getloadavg(load, 3), -1);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
