// policy: custom.toml
// stdout: ok

/* getgroups with two supplementary groups (custom.toml: staff 2000 and sudo 27, which lists alice):
 * a non-zero size that is too small is EINVAL and leaves the array alone. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  gid_t list[4] = {7, 7, 7, 7};
  CHECK_INT(getgroups(0, NULL), 2);
  errno = 0;
  CHECK_INT(getgroups(1, list), -1);
  CHECK_INT(errno, EINVAL);
  CHECK_INT(list[0], 7);
  CHECK_INT(getgroups(4, list), 2);
  CHECK_INT(list[0], 2000);
  CHECK_INT(list[1], 27);
  puts("ok");
  return 0;
}
