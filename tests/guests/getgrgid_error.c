// policy: strict
// stdout: ok

/* getgrgid under the strict policy: NULL with errno ENOSYS. */
#include <errno.h>
#include <grp.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  errno = 0;
  CHECK(getgrgid(0) == NULL);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
