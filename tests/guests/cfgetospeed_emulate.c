// policy: default
// stdout: ok

/* cfgetospeed reads the output speed from c_cflag, where cfsetospeed puts it. */
#include <stdio.h>
#include <termios.h>

#include "guest.h"

int main(void) {
  struct termios t = {0};
  t.c_cflag = CS8 | B1200;
  CHECK_INT(cfgetospeed(&t), B1200);
  CHECK_INT(cfsetospeed(&t, B115200), 0);
  CHECK_INT(cfgetospeed(&t), B115200);
  CHECK_INT(t.c_cflag & CSIZE, CS8);
  puts("ok");
  return 0;
}
