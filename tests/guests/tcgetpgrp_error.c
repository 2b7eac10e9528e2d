// policy: strict
// stdout: ok

/* tcgetpgrp under the strict policy: returns -1 with errno ENOSYS. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  errno = 0;
  CHECK_INT(tcgetpgrp(0), -1);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
