// policy: default
// stdout: ok

/* getgrouplist under the default policy (glibc contract): the given group first, then the groups
 * listing the user; when the array is too small, -1 with the needed count in *ngroups. */
#include <grp.h>
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  gid_t list[8] = {0};
  int n = 8;
  CHECK_INT(getgrouplist("wasi", 1000, list, &n), 1);
  CHECK_INT(n, 1);
  CHECK_INT(list[0], 1000);
  n = 8;
  CHECK_INT(getgrouplist("wasi", 5, list, &n), 2);
  CHECK_INT(n, 2);
  CHECK(list[0] == 5 && list[1] == 1000);
  n = 1;
  CHECK_INT(getgrouplist("wasi", 5, list, &n), -1);
  CHECK_INT(n, 2);
  n = 0;
  CHECK_INT(getgrouplist("wasi", 5, NULL, &n), -1);
  CHECK_INT(n, 2);
  n = 8;
  CHECK_INT(getgrouplist("nobody", 7, list, &n), 1);
  CHECK_INT(list[0], 7);
  puts("ok");
  return 0;
}
