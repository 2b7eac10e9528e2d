// policy: default
// stdout: ok

/* openpty under the default policy fails the same way (WASI preview 1 has no such call): returns -1 with errno ENOSYS. */
#include <errno.h>
#include <pty.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  int m = -1, s = -1;
  errno = 0;
  CHECK_INT(openpty(&m, &s, NULL, NULL, NULL), -1);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
