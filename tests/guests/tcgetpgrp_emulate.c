// policy: default
// stdout: ok

/* tcgetpgrp: -1 with ENOTTY for a regular file, EBADF for a descriptor that is not open. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "term_guest.h"

int main(void) {
  int fd = regular_file_fd();
  errno = 0;
  CHECK_INT(tcgetpgrp(fd), -1);
  CHECK_INT(errno, ENOTTY);
  errno = 0;
  CHECK_INT(tcgetpgrp(NOT_OPEN_FD), -1);
  CHECK_INT(errno, EBADF);
  puts("ok");
  return 0;
}
