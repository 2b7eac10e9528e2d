// policy: default
// stdout: ok

/* setgroups as uid 1000: EPERM, and the group list stays as it was. */
#include <errno.h>
#include <grp.h>
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  gid_t want[2] = {5, 6}, list[4];
  errno = 0;
  CHECK_INT(setgroups(2, want), -1);
  CHECK_INT(errno, EPERM);
  CHECK_INT(getgroups(4, list), 1);
  CHECK_INT(list[0], 1000);
  puts("ok");
  return 0;
}
