// policy: strict
// stdout: ok

/* tcsetattr under the strict policy: returns -1 with errno ENOSYS. */
#include <errno.h>
#include <stdio.h>
#include <termios.h>

#include "guest.h"

int main(void) {
  struct termios t = {0};
  errno = 0;
  CHECK_INT(tcsetattr(0, TCSANOW, &t), -1);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
