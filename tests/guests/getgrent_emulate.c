// policy: default
// stdout: root 0
// stdout: wasi 1000
// stdout: ok

/* getgrent under the default policy walks the database in order (root, then wasi), then NULL with
 * errno unchanged; getgrgid in between does not disturb the walk. */
#include <errno.h>
#include <grp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "default_db.h"
#include "guest.h"

int main(void) {
  struct group *gr = getgrent();
  check_group_root(gr);
  printf("%s %u\n", gr->gr_name, (unsigned)gr->gr_gid);
  check_group_wasi(getgrgid(1000));
  CHECK_STR(gr->gr_name, "root");
  gr = getgrent();
  check_group_wasi(gr);
  printf("%s %u\n", gr->gr_name, (unsigned)gr->gr_gid);
  errno = EDOM;
  CHECK(getgrent() == NULL);
  CHECK_INT(errno, EDOM);
  endgrent();
  puts("ok");
  return 0;
}
