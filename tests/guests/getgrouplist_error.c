// policy: strict
// stdout: ok

/* getgrouplist under the strict policy: -1 with errno ENOSYS. */
#include <errno.h>
#include <grp.h>
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  gid_t list[8];
  int n = 8;
  errno = 0;
  CHECK_INT(getgrouplist("root", 0, list, &n), -1);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
