// policy: default
// stdout: ok

/* cfmakeraw: no echo, no canonical input, no signals, no output processing, 8 bits, VMIN 1, VTIME 0. */
#include <stdio.h>
#include <termios.h>

#include "guest.h"

int main(void) {
  struct termios t = {0};
  t.c_iflag = ICRNL | IXON | IGNPAR;
  t.c_oflag = OPOST | ONLCR;
  t.c_cflag = CS7 | PARENB | CREAD | B9600;
  t.c_lflag = ECHO | ICANON | ISIG | IEXTEN | ECHOE;
  cfmakeraw(&t);
  CHECK_INT(t.c_iflag, IGNPAR);
  CHECK_INT(t.c_oflag, ONLCR);
  CHECK_INT(t.c_cflag, CS8 | CREAD | B9600);
  CHECK_INT(t.c_lflag, ECHOE);
  CHECK_INT(t.c_cc[VMIN], 1);
  CHECK_INT(t.c_cc[VTIME], 0);
  puts("ok");
  return 0;
}
