// policy: default
// stdout: ok

/* fcntl: the base's commands still work (F_GETFL, F_SETFL, F_GETFD); the record-lock commands are
 * granted at once after the checks POSIX names: a read lock needs a readable fd and a write lock a
 * writable one (EBADF), an unknown l_type or l_whence is EINVAL, F_GETLK reports F_UNLCK. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  int fd = open("record-lock", O_RDWR | O_CREAT, 0600);
  CHECK(fd >= 0);
  CHECK_INT(fcntl(fd, F_GETFL) & O_ACCMODE, O_RDWR);
  CHECK_INT(fcntl(fd, F_SETFL, O_NONBLOCK), 0);
  CHECK(fcntl(fd, F_GETFL) & O_NONBLOCK);
  CHECK(fcntl(fd, F_GETFD) >= 0);

  struct flock lock = {
      .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 10};
  CHECK_INT(fcntl(fd, F_SETLK, &lock), 0);
  CHECK_INT(fcntl(fd, F_SETLKW, &lock), 0);
  lock.l_type = F_RDLCK;
  CHECK_INT(fcntl(fd, F_GETLK, &lock), 0);
  CHECK_INT(lock.l_type, F_UNLCK);
  lock.l_type = F_UNLCK;
  CHECK_INT(fcntl(fd, F_SETLK, &lock), 0);
  errno = 0;
  CHECK_INT(fcntl(fd, F_GETLK, &lock), -1);
  CHECK_INT(errno, EINVAL);
  lock.l_type = 42;
  errno = 0;
  CHECK_INT(fcntl(fd, F_SETLK, &lock), -1);
  CHECK_INT(errno, EINVAL);
  lock.l_type = F_RDLCK;
  lock.l_whence = 99;
  errno = 0;
  CHECK_INT(fcntl(fd, F_SETLK, &lock), -1);
  CHECK_INT(errno, EINVAL);

  int ro = open("record-lock", O_RDONLY);
  CHECK(ro >= 0);
  struct flock write_lock = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
  errno = 0;
  CHECK_INT(fcntl(ro, F_SETLK, &write_lock), -1);
  CHECK_INT(errno, EBADF);
  struct flock read_lock = {.l_type = F_RDLCK, .l_whence = SEEK_SET};
  CHECK_INT(fcntl(ro, F_SETLK, &read_lock), 0);
  errno = 0;
  CHECK_INT(fcntl(12345, F_SETLK, &read_lock), -1);
  CHECK_INT(errno, EBADF);
  puts("ok");
  return 0;
}
