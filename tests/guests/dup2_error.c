// policy: default
// stdout: ok

/* dup2: dup2(fd, fd) is fd when fd is open and EBADF otherwise; any real duplicate fails with ENOSYS. */
#include <errno.h>
#include <stdio.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  CHECK_INT(dup2(1, 1), 1);
  errno = 0;
  CHECK_INT(dup2(99, 99), -1);
  CHECK_INT(errno, EBADF);
  errno = 0;
  CHECK_INT(dup2(1, 5), -1);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
