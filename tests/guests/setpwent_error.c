// policy: strict
// stdout: ok

/* setpwent (void) under the strict policy: sets errno to ENOSYS. */
#include <errno.h>
#include <pwd.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  errno = 0;
  setpwent();
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
