// policy: default
// stdout: ok

/* mkfifoat: -1 with ENOSYS, and nothing is created. */
#include <errno.h>
#include <stdio.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  struct stat st;
  errno = 0;
  CHECK_INT(mkfifoat(AT_FDCWD, "fifo", 0600), -1);
  CHECK_INT(errno, ENOSYS);
  errno = 0;
  CHECK_INT(stat("fifo", &st), -1);
  CHECK_INT(errno, ENOENT);
  puts("ok");
  return 0;
}
