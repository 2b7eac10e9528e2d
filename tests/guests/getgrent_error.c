// policy: strict
// stdout: ok

/* getgrent under the strict policy: NULL with errno ENOSYS. */
#include <errno.h>
#include <grp.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  errno = 0;
  CHECK(getgrent() == NULL);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
