// policy: strict
// stdout: ok
// stderr-count: 0 boom

/* psignal under strict: prints nothing and sets errno to ENOSYS. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  errno = 0;
  psignal(SIGUSR1, "boom");
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
