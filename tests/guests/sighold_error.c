// policy: strict
// stdout: ok

/* sighold under strict: -1 with ENOSYS. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  errno = 0;
  CHECK(sighold(SIGUSR1) == -1);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
