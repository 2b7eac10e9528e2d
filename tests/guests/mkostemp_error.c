// policy: strict
// stdout: ok

/* mkostemp under the strict policy: returns -1 with errno ENOSYS. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>

#include "guest.h"

int main(void) {
  char t[] = "./guestXXXXXX";
  errno = 0;
  CHECK_INT(mkostemp(t, O_APPEND), -1);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
