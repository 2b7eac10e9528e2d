// policy: strict
// stdout: ok

/* fchmodat under the strict policy: -1 with errno ENOSYS. */
#include <errno.h>
#include <stdio.h>
#include <fcntl.h>
#include <sys/stat.h>

#include "guest.h"

int main(void) {
  errno = 0;
  CHECK_INT(fchmodat(AT_FDCWD, ".", 0700, 0), -1);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
