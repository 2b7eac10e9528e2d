// policy: default
// stdout: ok

/* setgid as uid 1000: another gid (root included) fails with EPERM; the real gid succeeds; (gid_t)-1 is EINVAL. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  errno = 0;
  CHECK_INT(setgid(0), -1);
  CHECK_INT(errno, EPERM);
  CHECK_INT(getgid(), 1000);
  CHECK_INT(getegid(), 1000);
  CHECK_INT(setgid(1000), 0);
  CHECK_INT(getgid(), 1000);
  errno = 0;
  CHECK_INT(setgid((gid_t)-1), -1);
  CHECK_INT(errno, EINVAL);
  puts("ok");
  return 0;
}
