// policy: default
// stdout: ok

/* Without TMPDIR tmpfile uses /tmp, which the runtime did not preopen: NULL with open()'s errno, ENOENT. */
#include <errno.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  errno = 0;
  CHECK(tmpfile() == NULL);
  CHECK_INT(errno, ENOENT);
  puts("ok");
  return 0;
}
