// policy: default
// stdout: ok

/* cfgetispeed reads the input speed cfsetispeed stored; an input speed of 0 means the output speed. */
#include <stdio.h>
#include <termios.h>

#include "guest.h"

int main(void) {
  struct termios t = {0};
  CHECK_INT(cfsetospeed(&t, B9600), 0);
  CHECK_INT(cfgetispeed(&t), B9600);
  CHECK_INT(cfsetispeed(&t, B2400), 0);
  CHECK_INT(cfgetispeed(&t), B2400);
  CHECK_INT(cfgetospeed(&t), B9600);
  puts("ok");
  return 0;
}
