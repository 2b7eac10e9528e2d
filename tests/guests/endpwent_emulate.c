// policy: default
// stdout: ok

/* endpwent closes the walk: the next getpwent starts again from root. */
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>

#include "default_db.h"
#include "guest.h"

int main(void) {
  check_passwd_root(getpwent());
  endpwent();
  check_passwd_root(getpwent());
  check_passwd_wasi(getpwent());
  CHECK(getpwent() == NULL);
  endpwent();
  check_passwd_root(getpwent());
  endpwent();
  puts("ok");
  return 0;
}
