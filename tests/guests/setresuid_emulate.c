// policy: default
// stdout: ok

/* setresuid as uid 1000: -1 keeps an id, the current ids are allowed, any other id is EPERM and changes nothing. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  uid_t r, e, s;
  CHECK_INT(setresuid((uid_t)-1, (uid_t)-1, (uid_t)-1), 0);
  CHECK_INT(setresuid(1000, 1000, 1000), 0);
  errno = 0;
  CHECK_INT(setresuid((uid_t)-1, 0, (uid_t)-1), -1);
  CHECK_INT(errno, EPERM);
  errno = 0;
  CHECK_INT(setresuid(1000, 1000, 5), -1);
  CHECK_INT(errno, EPERM);
  CHECK_INT(getresuid(&r, &e, &s), 0);
  CHECK(r == 1000 && e == 1000 && s == 1000);
  puts("ok");
  return 0;
}
