// policy: default
// stdout: ok

/* getgrgid under the default policy: gid 1000 (wasi), gid 0 (root) and getgid()'s group; an absent
 * gid gives NULL with errno unchanged. */
#include <errno.h>
#include <grp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "default_db.h"
#include "guest.h"

int main(void) {
  check_group_wasi(getgrgid(1000));
  check_group_wasi(getgrgid(getgid()));
  check_group_root(getgrgid(0));
  errno = EDOM;
  CHECK(getgrgid(4242) == NULL);
  CHECK_INT(errno, EDOM);
  puts("ok");
  return 0;
}
