// policy: default
// stdout: ok

/* setpwent rewinds the getpwent walk to the first entry, root. */
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>

#include "default_db.h"
#include "guest.h"

int main(void) {
  check_passwd_root(getpwent());
  check_passwd_wasi(getpwent());
  setpwent();
  check_passwd_root(getpwent());
  setpwent();
  check_passwd_root(getpwent());
  check_passwd_wasi(getpwent());
  CHECK(getpwent() == NULL);
  setpwent();
  check_passwd_root(getpwent());
  puts("ok");
  return 0;
}
