// policy: strict
// stdout: ok

/* chmod under the strict policy: -1 with errno ENOSYS. */
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>

#include "guest.h"

int main(void) {
  errno = 0;
  CHECK_INT(chmod(".", 0700), -1);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
