// policy: strict
// stdout: ok

/* setgrent (void) under the strict policy: sets errno to ENOSYS. */
#include <errno.h>
#include <grp.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  errno = 0;
  setgrent();
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
