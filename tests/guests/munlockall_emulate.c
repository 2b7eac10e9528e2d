// policy: default
// stdout: ok

/* munlockall succeeds, after mlockall or not. */
#include <stdio.h>
#include <sys/mman.h>

#include "guest.h"

int main(void) {
  CHECK_INT(munlockall(), 0);
  CHECK_INT(mlockall(MCL_CURRENT), 0);
  CHECK_INT(munlockall(), 0);
  puts("ok");
  return 0;
}
