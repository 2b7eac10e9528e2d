// policy: wasix
// env: WASIX_PID=777
// env: WASIX_PPID=junk
// stdout: ok

/* getpid and getppid under the wasix policy: WASIX_PID overrides the pid; a WASIX_PPID that is not a
 * number is ignored, leaving the policy's 55500. */
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  CHECK_INT(getpid(), 777);
  CHECK_INT(getppid(), 55500);
  puts("ok");
  return 0;
}
