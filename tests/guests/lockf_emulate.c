// policy: default
// stdout: ok

/* lockf: granted at once on a writable fd; F_LOCK on a read-only fd and any bad fd are EBADF; F_TEST answers 0; an unknown cmd is EINVAL. */
#include <errno.h>
#include <stdio.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  int fd = open("lock", O_RDWR | O_CREAT, 0600);
  CHECK(fd >= 0);
  CHECK_INT(lockf(fd, F_LOCK, 0), 0);
  CHECK_INT(lockf(fd, F_TLOCK, 10), 0);
  CHECK_INT(lockf(fd, F_TEST, 0), 0);
  CHECK_INT(lockf(fd, F_ULOCK, 0), 0);
  int ro = open("lock", O_RDONLY);
  CHECK(ro >= 0);
  errno = 0;
  CHECK_INT(lockf(ro, F_LOCK, 0), -1);
  CHECK_INT(errno, EBADF);
  errno = 0;
  CHECK_INT(lockf(ro, F_TLOCK, 0), -1);
  CHECK_INT(errno, EBADF);
  CHECK_INT(lockf(ro, F_TEST, 0), 0);
  errno = 0;
  CHECK_INT(lockf(99, F_TEST, 0), -1);
  CHECK_INT(errno, EBADF);
  errno = 0;
  CHECK_INT(lockf(99, F_ULOCK, 0), -1);
  CHECK_INT(errno, EBADF);
  errno = 0;
  CHECK_INT(lockf(fd, 42, 0), -1);
  CHECK_INT(errno, EINVAL);
  puts("ok");
  return 0;
}
