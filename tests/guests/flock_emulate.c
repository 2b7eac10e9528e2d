// policy: default
// stdout: ok

/* flock: every lock is granted at once (no other process can hold one); a bad fd is EBADF, a bad operation EINVAL. */
#include <errno.h>
#include <stdio.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sys/file.h>

#include "guest.h"

int main(void) {
  int fd = open("lock", O_RDONLY | O_CREAT, 0600);
  CHECK(fd >= 0);
  CHECK_INT(flock(fd, LOCK_EX), 0);
  CHECK_INT(flock(fd, LOCK_EX | LOCK_NB), 0);
  CHECK_INT(flock(fd, LOCK_SH | LOCK_NB), 0);
  CHECK_INT(flock(fd, LOCK_UN), 0);
  errno = 0;
  CHECK_INT(flock(fd, 0), -1);
  CHECK_INT(errno, EINVAL);
  errno = 0;
  CHECK_INT(flock(fd, LOCK_SH | LOCK_EX), -1);
  CHECK_INT(errno, EINVAL);
  errno = 0;
  CHECK_INT(flock(99, LOCK_EX), -1);
  CHECK_INT(errno, EBADF);
  errno = 0;
  CHECK_INT(flock(-1, LOCK_SH), -1);
  CHECK_INT(errno, EBADF);
  CHECK_INT(close(fd), 0);
  errno = 0;
  CHECK_INT(flock(fd, LOCK_EX), -1);
  CHECK_INT(errno, EBADF);
  puts("ok");
  return 0;
}
