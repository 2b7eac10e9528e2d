// policy: default
// stdout: ok

/* fchown as uid 1000: the file's own ids succeed, others are EPERM, a closed descriptor EBADF. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "modes_files.h"

int main(void) {
  make_files();
  int fd = open("file", O_RDONLY);
  CHECK(fd >= 0);
  CHECK_INT(fchown(fd, 1000, (gid_t)-1), 0);
  errno = 0;
  CHECK_INT(fchown(fd, 2000, (gid_t)-1), -1);
  CHECK_INT(errno, EPERM);
  close(fd);
  errno = 0;
  CHECK_INT(fchown(fd, 1000, 1000), -1);
  CHECK_INT(errno, EBADF);
  puts("ok");
  return 0;
}
