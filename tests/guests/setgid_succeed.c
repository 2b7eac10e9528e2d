// policy: wasix
// stdout: ok

/* setgid under the wasix policy (succeed, lossy): reports success for any id, even 0, and getgid still answers 100. */
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  CHECK_INT(getgid(), 100);
  CHECK_INT(setgid(0), 0);
  CHECK_INT(setgid(4242), 0);
  CHECK_INT(getgid(), 100);
  puts("ok");
  return 0;
}
