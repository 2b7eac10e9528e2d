// policy: default
// stdout: wasi 1000 wasi
// stdout: ok

/* getgrnam under the default policy: every field of the "wasi" group (member wasi) and "root" (no
 * members); an absent name gives NULL with errno unchanged. */
#include <errno.h>
#include <grp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "default_db.h"
#include "guest.h"

int main(void) {
  struct group *gr = getgrnam("wasi");
  check_group_wasi(gr);
  printf("%s %u %s\n", gr->gr_name, (unsigned)gr->gr_gid, gr->gr_mem[0]);
  check_group_root(getgrnam("root"));
  errno = EDOM;
  CHECK(getgrnam("nobody") == NULL);
  CHECK_INT(errno, EDOM);
  puts("ok");
  return 0;
}
