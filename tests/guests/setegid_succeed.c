// policy: wasix
// stdout: ok

/* setegid under the wasix policy (succeed, lossy): reports success for any id, even 0, and getegid still answers 100. */
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  CHECK_INT(getegid(), 100);
  CHECK_INT(setegid(0), 0);
  CHECK_INT(setegid(4242), 0);
  CHECK_INT(getegid(), 100);
  puts("ok");
  return 0;
}
