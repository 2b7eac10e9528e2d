// policy: strict
// stdout: ok

/* fchownat under the strict policy: -1 with errno ENOSYS. */
#include <errno.h>
#include <stdio.h>
#include <fcntl.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  errno = 0;
  CHECK_INT(fchownat(AT_FDCWD, ".", (uid_t)-1, (gid_t)-1, 0), -1);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
