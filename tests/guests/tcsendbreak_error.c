// policy: strict
// stdout: ok

/* tcsendbreak under the strict policy: returns -1 with errno ENOSYS. */
#include <errno.h>
#include <stdio.h>
#include <termios.h>

#include "guest.h"

int main(void) {
  errno = 0;
  CHECK_INT(tcsendbreak(1, 0), -1);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
