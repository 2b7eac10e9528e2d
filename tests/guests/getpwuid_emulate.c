// policy: default
// stdout: ok

/* getpwuid under the default policy: every field of uid 1000 (wasi) and uid 0 (root), and of the
 * entry for getuid(); an absent uid gives NULL with errno unchanged. */
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "default_db.h"
#include "guest.h"

int main(void) {
  check_passwd_wasi(getpwuid(1000));
  check_passwd_wasi(getpwuid(getuid()));
  check_passwd_root(getpwuid(0));
  errno = EDOM;
  CHECK(getpwuid(4242) == NULL);
  CHECK_INT(errno, EDOM);
  puts("ok");
  return 0;
}
