// policy: default
// stdout: ok

/* endgrent closes the walk: the next getgrent starts again from root. */
#include <errno.h>
#include <grp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "default_db.h"
#include "guest.h"

int main(void) {
  check_group_root(getgrent());
  endgrent();
  check_group_root(getgrent());
  check_group_wasi(getgrent());
  CHECK(getgrent() == NULL);
  endgrent();
  check_group_root(getgrent());
  endgrent();
  puts("ok");
  return 0;
}
