// policy: strict
// env: TMPDIR=.
// stdout: ok

/* tempnam under the strict policy: returns NULL with errno ENOSYS. */
#include <errno.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  errno = 0;
  CHECK(tempnam(".", "pfx") == NULL);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
