// policy: default
// stdout: ok

/* getgroups under the default policy: size 0 asks for the count (1), the list is the wasi group (1000);
 * a negative size is EINVAL. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  gid_t list[4] = {0};
  CHECK_INT(getgroups(0, NULL), 1);
  CHECK_INT(getgroups(4, list), 1);
  CHECK_INT(list[0], 1000);
  CHECK_INT(getgroups(1, list), 1);
  errno = 0;
  CHECK_INT(getgroups(-1, list), -1);
  CHECK_INT(errno, EINVAL);
  puts("ok");
  return 0;
}
