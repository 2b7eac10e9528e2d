// policy: default
// stdout: ok

/* setgrent rewinds the getgrent walk to the first entry, root. */
#include <errno.h>
#include <grp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "default_db.h"
#include "guest.h"

int main(void) {
  check_group_root(getgrent());
  check_group_wasi(getgrent());
  setgrent();
  check_group_root(getgrent());
  check_group_wasi(getgrent());
  CHECK(getgrent() == NULL);
  setgrent();
  check_group_root(getgrent());
  puts("ok");
  return 0;
}
