// policy: strict
// stdout: ok

/* login_tty under the strict policy: returns -1 with errno ENOSYS. */
#include <errno.h>
#include <stdio.h>
#include <utmp.h>

#include "guest.h"

int main(void) {
  errno = 0;
  CHECK_INT(login_tty(0), -1);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
