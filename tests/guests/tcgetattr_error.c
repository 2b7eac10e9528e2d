// policy: strict
// stdout: ok

/* tcgetattr under the strict policy: returns -1 with errno ENOSYS. */
#include <errno.h>
#include <stdio.h>
#include <termios.h>

#include "guest.h"

int main(void) {
  struct termios t;
  errno = 0;
  CHECK_INT(tcgetattr(0, &t), -1);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
