// policy: default
// stdout: ok

/* sighold blocks a signal: raised, it stays pending; sigrelse then delivers it. SIGKILL and invalid
 * signals are EINVAL. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>

#include "guest.h"

static int delivered;

static void on_signal(int sig) {
  (void)sig;
  delivered++;
}

int main(void) {
  signal(SIGUSR1, on_signal);
  CHECK_INT(sighold(SIGUSR1), 0);
  sigset_t mask;
  sigprocmask(SIG_BLOCK, NULL, &mask);
  CHECK_INT(sigismember(&mask, SIGUSR1), 1);
  raise(SIGUSR1);
  CHECK_INT(delivered, 0);
  CHECK_INT(sigrelse(SIGUSR1), 0);
  CHECK_INT(delivered, 1);
  errno = 0;
  CHECK(sighold(SIGKILL) == -1 && errno == EINVAL);
  errno = 0;
  CHECK(sighold(0) == -1 && errno == EINVAL);
  puts("ok");
  return 0;
}
