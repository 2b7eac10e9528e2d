// policy: strict
// stdout: ok

/* endpwent (void) under the strict policy: sets errno to ENOSYS. */
#include <errno.h>
#include <pwd.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  errno = 0;
  endpwent();
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
