// policy: strict
// stdout: ok

/* cfgetispeed under the strict policy: returns (speed_t)0 with errno ENOSYS. */
#include <errno.h>
#include <stdio.h>
#include <termios.h>

#include "guest.h"

int main(void) {
  struct termios t = {0};
  errno = 0;
  CHECK_INT(cfgetispeed(&t), (speed_t)0);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
