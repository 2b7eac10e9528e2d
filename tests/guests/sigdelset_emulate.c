// policy: default
// stdout: ok

/* sigdelset removes exactly one signal and rejects numbers outside 1..64. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  sigset_t set;
  sigfillset(&set);
  CHECK_INT(sigdelset(&set, SIGTERM), 0);
  for (int sig = 1; sig < 65; sig++)
    CHECK_INT(sigismember(&set, sig), sig != SIGTERM);
  errno = 0;
  CHECK(sigdelset(&set, -1) == -1 && errno == EINVAL);
  puts("ok");
  return 0;
}
