// policy: default
// stdout: ok

/* dup3: equal descriptors are EINVAL; any real duplicate fails with ENOSYS. */
#include <errno.h>
#include <stdio.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  errno = 0;
  CHECK_INT(dup3(1, 1, 0), -1);
  CHECK_INT(errno, EINVAL);
  errno = 0;
  CHECK_INT(dup3(1, 5, O_CLOEXEC), -1);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
