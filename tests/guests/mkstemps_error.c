// policy: strict
// stdout: ok

/* mkstemps under the strict policy: returns -1 with errno ENOSYS. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "guest.h"

int main(void) {
  char t[] = "./guestXXXXXX.txt";
  errno = 0;
  CHECK_INT(mkstemps(t, 4), -1);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
