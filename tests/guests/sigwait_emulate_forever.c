// policy: default
// stdout: ok

/* sigwait with nothing pending and no alarm armed: nothing can ever arrive, so it returns EAGAIN (as
 * sigtimedwait does when its time runs out) instead of hanging or ending the program. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGUSR1);
  sigprocmask(SIG_BLOCK, &set, NULL);
  int sig = 0;
  CHECK_INT(sigwait(&set, &sig), EAGAIN);
  CHECK_INT(sig, 0);
  puts("ok");
  return 0;
}
