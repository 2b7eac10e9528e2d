// policy: strict
// stdout: ok

/* getgrnam under the strict policy: NULL with errno ENOSYS. */
#include <errno.h>
#include <grp.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  errno = 0;
  CHECK(getgrnam("root") == NULL);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
