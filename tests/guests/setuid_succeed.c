// policy: wasix
// stdout: ok

/* setuid under the wasix policy (succeed, lossy): reports success for any id, even 0, and getuid still answers 1. */
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  CHECK_INT(getuid(), 1);
  CHECK_INT(setuid(0), 0);
  CHECK_INT(setuid(4242), 0);
  CHECK_INT(getuid(), 1);
  puts("ok");
  return 0;
}
