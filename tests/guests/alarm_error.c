// policy: default
// stdout: ok

/* alarm under the default policy: no timer can interrupt a WASI program, so it fails honestly,
 * returning 0 ("no alarm was pending") with errno ENOSYS. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  errno = 0;
  CHECK_INT(alarm(5), 0);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
