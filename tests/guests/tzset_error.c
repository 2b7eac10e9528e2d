// policy: strict
// stdout: ok

/* tzset under the strict policy: it returns nothing, so the failure shows only as errno ENOSYS. */
#include <errno.h>
#include <stdio.h>
#include <time.h>

#include "guest.h"

int main(void) {
  errno = 0;
  tzset();
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
