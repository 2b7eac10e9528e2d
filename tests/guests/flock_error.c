// policy: strict
// stdout: ok

/* flock under the strict policy: -1 with errno ENOSYS. */
#include <errno.h>
#include <stdio.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sys/file.h>

#include "guest.h"

int main(void) {
  errno = 0;
  CHECK_INT(flock(1, LOCK_EX), -1);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
