// policy: default
// stdout: ok

/* ioctl: the base's requests still go to the base (FIONBIO, FIONREAD); the window-size requests on a
 * descriptor that is not a terminal are ENOTTY, and EBADF when it is not open. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  int fd = open("ioctl-probe", O_RDWR | O_CREAT, 0600);
  CHECK(fd >= 0);
  CHECK_INT(write(fd, "four", 4), 4);
  CHECK_INT(lseek(fd, 0, SEEK_SET), 0);
  int pending = -1;
  CHECK_INT(ioctl(fd, FIONREAD, &pending), 0);
  CHECK(pending >=
        0); /* the base asks the runtime, which may not count a file's bytes */
  int on = 1;
  CHECK_INT(ioctl(fd, FIONBIO, &on), 0);
  CHECK(fcntl(fd, F_GETFL) & O_NONBLOCK);
  struct winsize size;
  errno = 0;
  CHECK_INT(ioctl(fd, TIOCGWINSZ, &size), -1);
  CHECK_INT(errno, ENOTTY);
  errno = 0;
  CHECK_INT(ioctl(fd, TIOCSWINSZ, &size), -1);
  CHECK_INT(errno, ENOTTY);
  errno = 0;
  CHECK_INT(ioctl(12345, TIOCGWINSZ, &size), -1);
  CHECK_INT(errno, EBADF);
  puts("ok");
  return 0;
}
