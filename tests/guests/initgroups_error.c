// policy: strict
// stdout: ok

/* initgroups under the strict policy: -1 with errno ENOSYS. */
#include <errno.h>
#include <stdio.h>
#include <grp.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  errno = 0;
  CHECK_INT(initgroups("root", 0), -1);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
