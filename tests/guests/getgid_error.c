// policy: strict
// stdout: ok

/* getgid under the strict policy: (gid_t)-1 with errno ENOSYS. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  errno = 0;
  CHECK_INT(getgid(), (gid_t)-1);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
