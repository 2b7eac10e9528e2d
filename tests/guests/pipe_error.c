// policy: default
// stdout: ok

/* pipe: -1 with ENOSYS, the array untouched. */
#include <errno.h>
#include <stdio.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  int fd[2] = {-7, -7};
  errno = 0;
  CHECK_INT(pipe(fd), -1);
  CHECK_INT(errno, ENOSYS);
  CHECK_INT(fd[0], -7);
  CHECK_INT(fd[1], -7);
  puts("ok");
  return 0;
}
