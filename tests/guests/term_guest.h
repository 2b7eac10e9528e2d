/* Shared by the terminal guests: a descriptor that is surely not a terminal (a regular file in the
 * preopened directory) and one that is not open at all. */
#ifndef TERM_GUEST_H
#define TERM_GUEST_H

#include <fcntl.h>

#include "guest.h"

#define NOT_OPEN_FD 99

static int regular_file_fd(void) {
  int fd = open("./not-a-tty", O_RDWR | O_CREAT | O_TRUNC, 0600);
  CHECK(fd >= 0);
  return fd;
}

#endif
