// policy: default
// stdout: ok

/* tcsetattr: -1 with ENOTTY for a regular file, EBADF for a descriptor that is not open. */
#include <errno.h>
#include <stdio.h>
#include <termios.h>

#include "term_guest.h"

int main(void) {
  struct termios t = {0};
  t.c_cflag = CS8 | CREAD;
  int fd = regular_file_fd();
  errno = 0;
  CHECK_INT(tcsetattr(fd, TCSANOW, &t), -1);
  CHECK_INT(errno, ENOTTY);
  errno = 0;
  CHECK_INT(tcsetattr(NOT_OPEN_FD, TCSAFLUSH, &t), -1);
  CHECK_INT(errno, EBADF);
  puts("ok");
  return 0;
}
