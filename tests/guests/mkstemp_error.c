// policy: strict
// stdout: ok

/* mkstemp under the strict policy: returns -1 with errno ENOSYS. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "guest.h"

int main(void) {
  char t[] = "./guestXXXXXX";
  errno = 0;
  CHECK_INT(mkstemp(t), -1);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
