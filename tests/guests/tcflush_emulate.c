// policy: default
// stdout: ok

/* tcflush: -1 with ENOTTY for a regular file, EBADF for a descriptor that is not open. */
#include <errno.h>
#include <stdio.h>
#include <termios.h>

#include "term_guest.h"

int main(void) {
  int fd = regular_file_fd();
  errno = 0;
  CHECK_INT(tcflush(fd, TCIOFLUSH), -1);
  CHECK_INT(errno, ENOTTY);
  errno = 0;
  CHECK_INT(tcflush(NOT_OPEN_FD, TCIOFLUSH), -1);
  CHECK_INT(errno, EBADF);
  puts("ok");
  return 0;
}
