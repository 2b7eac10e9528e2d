// policy: default
// stdout: ok

/* tcgetattr: -1 with ENOTTY for a regular file, EBADF for a descriptor that is not open; the
 * structure is left alone. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>

#include "term_guest.h"

int main(void) {
  struct termios t;
  memset(&t, 0x5a, sizeof t);
  int fd = regular_file_fd();
  errno = 0;
  CHECK_INT(tcgetattr(fd, &t), -1);
  CHECK_INT(errno, ENOTTY);
  CHECK_INT(t.c_lflag, 0x5a5a5a5a);
  errno = 0;
  CHECK_INT(tcgetattr(NOT_OPEN_FD, &t), -1);
  CHECK_INT(errno, EBADF);
  puts("ok");
  return 0;
}
