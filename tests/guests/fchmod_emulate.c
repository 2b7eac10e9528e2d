// policy: default
// stdout: ok

/* fchmod checks the descriptor and succeeds, and fstat and stat report the mode; a closed descriptor is EBADF. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "modes_files.h"

int main(void) {
  make_files();
  int fd = open("file", O_RDONLY);
  CHECK(fd >= 0);
  CHECK_INT(fchmod(fd, 0640), 0);
  struct stat st;
  CHECK_INT(fstat(fd, &st), 0);
  CHECK_INT(st.st_mode & 07777, 0640);
  CHECK_INT(stat("file", &st), 0);
  CHECK_INT(st.st_mode & 07777, 0640);
  close(fd);
  errno = 0;
  CHECK_INT(fchmod(fd, 0600), -1);
  CHECK_INT(errno, EBADF);
  puts("ok");
  return 0;
}
