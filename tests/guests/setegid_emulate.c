// policy: default
// stdout: ok

/* setegid as uid 1000: only the real or saved gid is allowed (EPERM otherwise); (gid_t)-1 is EINVAL. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  errno = 0;
  CHECK_INT(setegid(0), -1);
  CHECK_INT(errno, EPERM);
  CHECK_INT(getegid(), 1000);
  CHECK_INT(setegid(1000), 0);
  CHECK_INT(getegid(), 1000);
  errno = 0;
  CHECK_INT(setegid((gid_t)-1), -1);
  CHECK_INT(errno, EINVAL);
  puts("ok");
  return 0;
}
