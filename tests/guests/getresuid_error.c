// policy: strict
// stdout: ok

/* getresuid under the strict policy: -1 with errno ENOSYS, the ids untouched. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  uid_t r = 7, e = 7, s = 7;
  errno = 0;
  CHECK_INT(getresuid(&r, &e, &s), -1);
  CHECK_INT(errno, ENOSYS);
  CHECK(r == 7 && e == 7 && s == 7);
  puts("ok");
  return 0;
}
