// policy: strict
// env: TMPDIR=.
// stdout: ok

/* tmpfile under the strict policy: returns NULL with errno ENOSYS. */
#include <errno.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  errno = 0;
  CHECK(tmpfile() == NULL);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
