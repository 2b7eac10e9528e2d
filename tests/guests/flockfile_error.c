// policy: strict
// stdout: ok

/* flockfile under strict: does nothing and sets errno to ENOSYS (it returns no value). */
#include <errno.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  errno = 0;
  flockfile(stdout);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
