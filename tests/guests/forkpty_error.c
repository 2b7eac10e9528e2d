// policy: strict
// stdout: ok

/* forkpty under the strict policy: returns -1 with errno ENOSYS. */
#include <errno.h>
#include <pty.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  int m = -1;
  errno = 0;
  CHECK_INT(forkpty(&m, NULL, NULL, NULL), -1);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
