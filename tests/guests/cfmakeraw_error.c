// policy: strict
// stdout: ok

/* cfmakeraw under the strict policy: does nothing but set errno to ENOSYS. */
#include <errno.h>
#include <stdio.h>
#include <termios.h>

#include "guest.h"

int main(void) {
  struct termios t = {0};
  t.c_lflag = ECHO;
  errno = 0;
  cfmakeraw(&t);
  CHECK_INT(errno, ENOSYS);
  CHECK_INT(t.c_lflag, ECHO);
  puts("ok");
  return 0;
}
