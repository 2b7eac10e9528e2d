// policy: root.toml
// stdout: ok

/* setreuid and setresuid as root: any ids; setreuid updates the saved uid by the Linux rule, so a
 * temporary drop through setresuid can be undone while the saved uid is 0. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  uid_t r, e, s;
  CHECK_INT(setresuid(0, 1000, 0), 0);
  CHECK_INT(getresuid(&r, &e, &s), 0);
  CHECK(r == 0 && e == 1000 && s == 0);
  /* unprivileged now, but 0 is still the real and saved uid */
  CHECK_INT(setresuid((uid_t)-1, 0, (uid_t)-1), 0);
  CHECK_INT(geteuid(), 0);
  /* setreuid setting the real uid also sets the saved uid to the new effective uid */
  CHECK_INT(setreuid(1000, 2000), 0);
  CHECK_INT(getresuid(&r, &e, &s), 0);
  CHECK(r == 1000 && e == 2000 && s == 2000);
  errno = 0;
  CHECK_INT(setreuid((uid_t)-1, 0), -1);
  CHECK_INT(errno, EPERM);
  /* unprivileged: swapping real and effective is allowed */
  CHECK_INT(setreuid(2000, 1000), 0);
  CHECK_INT(getresuid(&r, &e, &s), 0);
  CHECK(r == 2000 && e == 1000 && s == 1000);
  puts("ok");
  return 0;
}
