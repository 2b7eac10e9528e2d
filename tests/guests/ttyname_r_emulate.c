// policy: default
// stdout: ok

/* ttyname_r returns ENOTTY for a regular file and EBADF for a descriptor that is not open. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "term_guest.h"

int main(void) {
  char buf[64];
  int fd = regular_file_fd();
  CHECK_INT(ttyname_r(fd, buf, sizeof buf), ENOTTY);
  CHECK_INT(ttyname_r(NOT_OPEN_FD, buf, sizeof buf), EBADF);
  puts("ok");
  return 0;
}
