// policy: strict
// stdout: ok

/* tcsetpgrp under the strict policy: returns -1 with errno ENOSYS. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  errno = 0;
  CHECK_INT(tcsetpgrp(0, 42), -1);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
