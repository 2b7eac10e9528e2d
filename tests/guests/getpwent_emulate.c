// policy: default
// stdout: root 0
// stdout: wasi 1000
// stdout: ok

/* getpwent under the default policy walks the database in order (root, then wasi), then NULL with
 * errno unchanged; getpwuid in between does not disturb the walk. */
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>

#include "default_db.h"
#include "guest.h"

int main(void) {
  struct passwd *pw = getpwent();
  check_passwd_root(pw);
  printf("%s %u\n", pw->pw_name, (unsigned)pw->pw_uid);
  check_passwd_wasi(getpwuid(1000));
  CHECK_STR(pw->pw_name, "root");
  pw = getpwent();
  check_passwd_wasi(pw);
  printf("%s %u\n", pw->pw_name, (unsigned)pw->pw_uid);
  errno = EDOM;
  CHECK(getpwent() == NULL);
  CHECK_INT(errno, EDOM);
  CHECK(getpwent() == NULL);
  endpwent();
  puts("ok");
  return 0;
}
