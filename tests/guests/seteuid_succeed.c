// policy: wasix
// stdout: ok

/* seteuid under the wasix policy (succeed, lossy): reports success for any id, even 0, and geteuid still answers 1. */
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  CHECK_INT(geteuid(), 1);
  CHECK_INT(seteuid(0), 0);
  CHECK_INT(seteuid(4242), 0);
  CHECK_INT(geteuid(), 1);
  puts("ok");
  return 0;
}
