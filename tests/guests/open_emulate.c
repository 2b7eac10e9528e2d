// policy: default
// stdout: ok

/* open: a file it creates reports the mode asked for less the umask; an existing file keeps its mode. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  umask(022);
  int fd = open("created", O_WRONLY | O_CREAT | O_EXCL, 0666);
  CHECK(fd >= 0);
  struct stat st;
  CHECK_INT(fstat(fd, &st), 0);
  CHECK_INT(st.st_mode & 07777, 0644);
  close(fd);
  umask(077);
  fd = open("created", O_WRONLY | O_CREAT,
            0666); /* already there: its mode stays */
  CHECK(fd >= 0);
  close(fd);
  CHECK_INT(stat("created", &st), 0);
  CHECK_INT(st.st_mode & 07777, 0644);
  fd = open("private", O_RDWR | O_CREAT, 0666);
  CHECK(fd >= 0);
  close(fd);
  CHECK_INT(stat("private", &st), 0);
  CHECK_INT(st.st_mode & 07777, 0600);
  CHECK(S_ISREG(st.st_mode));
  fd = open("private", O_RDONLY); /* no O_CREAT: no mode argument is read */
  CHECK(fd >= 0);
  close(fd);
  errno = 0;
  CHECK_INT(open("missing/dir", O_RDONLY), -1);
  CHECK_INT(errno, ENOENT);
  puts("ok");
  return 0;
}
