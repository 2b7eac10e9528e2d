// policy: strict
// stdout: ok

/* times under the strict policy: (clock_t)-1 with errno ENOSYS. */
#include <errno.h>
#include <stdio.h>
#include <sys/times.h>

#include "guest.h"

int main(void) {
  struct tms t;
  errno = 0;
  CHECK_INT(times(&t), (clock_t)-1);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
