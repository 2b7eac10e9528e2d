// policy: strict
// stdout: ok

/* system under the strict policy: -1 with ENOSYS, even for NULL. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "guest.h"

int main(void) {
  errno = 0;
  CHECK_INT(system(NULL), -1);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
