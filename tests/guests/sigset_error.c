// policy: strict
// stdout: ok

/* sigset under strict: SIG_ERR with ENOSYS. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  errno = 0;
  CHECK(sigset(SIGUSR1, SIG_IGN) == SIG_ERR);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
