// policy: default
// stdout: ok

/* cfsetispeed stores a valid speed and refuses anything else with EINVAL, leaving the speed alone. */
#include <errno.h>
#include <stdio.h>
#include <termios.h>

#include "guest.h"

int main(void) {
  struct termios t = {0};
  CHECK_INT(cfsetispeed(&t, B19200), 0);
  CHECK_INT(cfgetispeed(&t), B19200);
  errno = 0;
  CHECK_INT(cfsetispeed(&t, 12345), -1);
  CHECK_INT(errno, EINVAL);
  CHECK_INT(cfgetispeed(&t), B19200);
  puts("ok");
  return 0;
}
