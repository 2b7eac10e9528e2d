// policy: default
// stdout: ok

/* setuid as uid 1000: switching to another uid (root included) fails with EPERM and changes nothing;
 * switching to the real uid succeeds; (uid_t)-1 is EINVAL. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  errno = 0;
  CHECK_INT(setuid(0), -1);
  CHECK_INT(errno, EPERM);
  errno = 0;
  CHECK_INT(setuid(2000), -1);
  CHECK_INT(errno, EPERM);
  CHECK_INT(getuid(), 1000);
  CHECK_INT(geteuid(), 1000);
  CHECK_INT(setuid(1000), 0);
  CHECK_INT(getuid(), 1000);
  CHECK_INT(geteuid(), 1000);
  errno = 0;
  CHECK_INT(setuid((uid_t)-1), -1);
  CHECK_INT(errno, EINVAL);
  puts("ok");
  return 0;
}
