// policy: strict
// stdout: ok

/* getrusage under the strict policy: -1 with errno ENOSYS. */
#include <errno.h>
#include <stdio.h>
#include <sys/resource.h>

#include "guest.h"

int main(void) {
  struct rusage ru;
  errno = 0;
  CHECK_INT(getrusage(RUSAGE_SELF, &ru), -1);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
