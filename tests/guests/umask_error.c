// policy: strict
// stdout: ok

/* umask under the strict policy: (mode_t)-1 with errno ENOSYS. */
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>

#include "guest.h"

int main(void) {
  errno = 0;
  CHECK_INT(umask(077), (mode_t)-1);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
