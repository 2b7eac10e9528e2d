// policy: strict
// stdout: ok

/* getgroups under the strict policy: -1 with errno ENOSYS. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  gid_t list[4];
  errno = 0;
  CHECK_INT(getgroups(0, NULL), -1);
  CHECK_INT(errno, ENOSYS);
  errno = 0;
  CHECK_INT(getgroups(4, list), -1);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
