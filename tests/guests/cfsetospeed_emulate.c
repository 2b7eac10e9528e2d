// policy: default
// stdout: ok

/* cfsetospeed stores a valid speed in c_cflag (other flags kept) and refuses anything else with EINVAL. */
#include <errno.h>
#include <stdio.h>
#include <termios.h>

#include "guest.h"

int main(void) {
  struct termios t = {0};
  t.c_cflag = CS7 | PARENB;
  CHECK_INT(cfsetospeed(&t, B4800), 0);
  CHECK_INT(cfgetospeed(&t), B4800);
  CHECK_INT(t.c_cflag & ~CBAUD, CS7 | PARENB);
  errno = 0;
  CHECK_INT(cfsetospeed(&t, 9600), -1);
  CHECK_INT(errno, EINVAL);
  CHECK_INT(cfgetospeed(&t), B4800);
  puts("ok");
  return 0;
}
