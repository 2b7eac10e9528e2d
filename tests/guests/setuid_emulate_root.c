// policy: root.toml
// stdout: ok

/* setuid and seteuid as root: seteuid drops the effective uid and takes it back (the real and saved uids stay 0);
 * setuid then sets all three ids, for good: root cannot be regained. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  uid_t r, e, s;
  CHECK_INT(seteuid(1000), 0);
  CHECK_INT(getuid(), 0);
  CHECK_INT(geteuid(), 1000);
  CHECK_INT(seteuid(0), 0);
  CHECK_INT(geteuid(), 0);
  CHECK_INT(setuid(1000), 0);
  CHECK_INT(getresuid(&r, &e, &s), 0);
  CHECK(r == 1000 && e == 1000 && s == 1000);
  errno = 0;
  CHECK_INT(setuid(0), -1);
  CHECK_INT(errno, EPERM);
  errno = 0;
  CHECK_INT(seteuid(0), -1);
  CHECK_INT(errno, EPERM);
  puts("ok");
  return 0;
}
