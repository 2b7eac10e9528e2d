// policy: default
// stdout: ok

/* setresgid as uid 1000: -1 keeps an id, the current ids are allowed, any other id is EPERM and changes nothing. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  gid_t r, e, s;
  CHECK_INT(setresgid((gid_t)-1, (gid_t)-1, (gid_t)-1), 0);
  CHECK_INT(setresgid(1000, 1000, 1000), 0);
  errno = 0;
  CHECK_INT(setresgid((gid_t)-1, 0, (gid_t)-1), -1);
  CHECK_INT(errno, EPERM);
  errno = 0;
  CHECK_INT(setresgid(1000, 1000, 5), -1);
  CHECK_INT(errno, EPERM);
  CHECK_INT(getresgid(&r, &e, &s), 0);
  CHECK(r == 1000 && e == 1000 && s == 1000);
  puts("ok");
  return 0;
}
