// policy: default
// stdout: ok

/* seteuid as uid 1000: only the real or saved uid is allowed (EPERM otherwise); (uid_t)-1 is EINVAL. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  errno = 0;
  CHECK_INT(seteuid(0), -1);
  CHECK_INT(errno, EPERM);
  CHECK_INT(geteuid(), 1000);
  CHECK_INT(seteuid(1000), 0);
  CHECK_INT(geteuid(), 1000);
  errno = 0;
  CHECK_INT(seteuid((uid_t)-1), -1);
  CHECK_INT(errno, EINVAL);
  puts("ok");
  return 0;
}
