// policy: default
// stdout: wasi 1000 1000 /home/wasi /bin/sh
// stdout: ok

/* getpwnam under the default policy: every field of the "wasi" and "root" entries; an absent name
 * gives NULL with errno unchanged; the answer is a copy, so writing into it changes nothing. */
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>

#include "default_db.h"
#include "guest.h"

int main(void) {
  struct passwd *pw = getpwnam("wasi");
  check_passwd_wasi(pw);
  printf("%s %u %u %s %s\n", pw->pw_name, (unsigned)pw->pw_uid,
         (unsigned)pw->pw_gid, pw->pw_dir, pw->pw_shell);
  pw->pw_name[0] = 'X';
  check_passwd_wasi(getpwnam("wasi"));
  check_passwd_root(getpwnam("root"));
  errno = EDOM;
  CHECK(getpwnam("nobody") == NULL);
  CHECK_INT(errno, EDOM);
  CHECK(getpwnam("") == NULL);
  puts("ok");
  return 0;
}
