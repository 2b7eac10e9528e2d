// policy: default
// stdout: ok

/* login_tty under the default policy fails the same way (WASI preview 1 has no such call): returns -1 with errno ENOSYS. */
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
