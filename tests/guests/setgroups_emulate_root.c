// policy: root.toml
// stdout: ok

/* setgroups as root: replaces the list getgroups reports (root.toml starts with root 0 and wheel 10);
 * an empty list is allowed; more groups than wasi-shim keeps (64) is EINVAL. */
#include <errno.h>
#include <grp.h>
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  gid_t want[65] = {5, 6}, list[4];
  CHECK_INT(getgroups(4, list), 2);
  CHECK(list[0] == 0 && list[1] == 10);
  CHECK_INT(setgroups(2, want), 0);
  CHECK_INT(getgroups(4, list), 2);
  CHECK(list[0] == 5 && list[1] == 6);
  CHECK_INT(setgroups(0, NULL), 0);
  CHECK_INT(getgroups(0, NULL), 0);
  errno = 0;
  CHECK_INT(setgroups(65, want), -1);
  CHECK_INT(errno, EINVAL);
  CHECK_INT(getgroups(0, NULL), 0);
  puts("ok");
  return 0;
}
