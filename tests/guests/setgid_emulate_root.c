// policy: root.toml
// stdout: ok

/* the gid setters as root (effective uid 0): any gid; setgid sets all three; after dropping the
 * effective uid, only the current gids are allowed. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  gid_t r, e, s;
  CHECK_INT(setegid(50), 0);
  CHECK_INT(getgid(), 0);
  CHECK_INT(getegid(), 50);
  CHECK_INT(setregid(60, 70), 0);
  CHECK_INT(getresgid(&r, &e, &s), 0);
  CHECK(r == 60 && e == 70 && s == 70);
  CHECK_INT(setresgid(1, 2, 3), 0);
  CHECK_INT(getresgid(&r, &e, &s), 0);
  CHECK(r == 1 && e == 2 && s == 3);
  CHECK_INT(setgid(1000), 0);
  CHECK_INT(getresgid(&r, &e, &s), 0);
  CHECK(r == 1000 && e == 1000 && s == 1000);
  CHECK_INT(setuid(1000), 0);
  errno = 0;
  CHECK_INT(setgid(0), -1);
  CHECK_INT(errno, EPERM);
  errno = 0;
  CHECK_INT(setresgid(0, (gid_t)-1, (gid_t)-1), -1);
  CHECK_INT(errno, EPERM);
  puts("ok");
  return 0;
}
