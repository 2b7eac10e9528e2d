// policy: default
// stdout: ok

/* tcsendbreak: -1 with ENOTTY for a regular file, EBADF for a descriptor that is not open. */
#include <errno.h>
#include <stdio.h>
#include <termios.h>

#include "term_guest.h"

int main(void) {
  int fd = regular_file_fd();
  errno = 0;
  CHECK_INT(tcsendbreak(fd, 0), -1);
  CHECK_INT(errno, ENOTTY);
  errno = 0;
  CHECK_INT(tcsendbreak(NOT_OPEN_FD, 0), -1);
  CHECK_INT(errno, EBADF);
  puts("ok");
  return 0;
}
