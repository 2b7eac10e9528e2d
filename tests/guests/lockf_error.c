// policy: strict
// stdout: ok

/* lockf under the strict policy: -1 with errno ENOSYS. */
#include <errno.h>
#include <stdio.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  errno = 0;
  CHECK_INT(lockf(1, F_TEST, 0), -1);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
