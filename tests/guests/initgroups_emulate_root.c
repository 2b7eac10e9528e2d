// policy: root.toml
// stdout: ok

/* initgroups as root: the given group, then every group of the database that lists the user
 * (root.toml: wheel 10 lists root), without repeating the given group. */
#include <errno.h>
#include <grp.h>
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  gid_t list[8];
  CHECK_INT(initgroups("root", 5), 0);
  CHECK_INT(getgroups(8, list), 2);
  CHECK(list[0] == 5 && list[1] == 10);
  CHECK_INT(initgroups("root", 10), 0);
  CHECK_INT(getgroups(8, list), 1);
  CHECK_INT(list[0], 10);
  CHECK_INT(initgroups("nobody", 7), 0);
  CHECK_INT(getgroups(8, list), 1);
  CHECK_INT(list[0], 7);
  puts("ok");
  return 0;
}
