// policy: strict
// stdout: ok

/* wait3 under the strict policy: -1 with errno ENOSYS. */
#include <errno.h>
#include <stdio.h>
#include <sys/wait.h>

#include "guest.h"

int main(void) {
  errno = 0;
  CHECK_INT(wait3(NULL, 0, NULL), -1);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
