// policy: strict
// env: TMPDIR=.
// stdout: ok

/* tmpnam under the strict policy: returns NULL with errno ENOSYS. */
#include <errno.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  char buf[L_tmpnam];
  errno = 0;
  CHECK(tmpnam(buf) == NULL);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
