// policy: strict
// stdout: ok

/* getpwnam under the strict policy: NULL with errno ENOSYS. */
#include <errno.h>
#include <pwd.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  errno = 0;
  CHECK(getpwnam("root") == NULL);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
