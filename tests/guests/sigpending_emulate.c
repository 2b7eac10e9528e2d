// policy: default
// stdout: ok

/* sigpending lists exactly the signals raised while blocked and not yet delivered. */
#include <signal.h>
#include <stdio.h>

#include "guest.h"

static void on_signal(int sig) { (void)sig; }

int main(void) {
  signal(SIGUSR1, on_signal);
  signal(SIGUSR2, on_signal);
  sigset_t block, pending;
  sigfillset(&block);
  sigprocmask(SIG_BLOCK, &block, NULL);
  CHECK_INT(sigpending(&pending), 0);
  CHECK_INT(sigismember(&pending, SIGUSR1), 0);
  raise(SIGUSR2);
  CHECK_INT(sigpending(&pending), 0);
  CHECK_INT(sigismember(&pending, SIGUSR1), 0);
  CHECK_INT(sigismember(&pending, SIGUSR2), 1);
  puts("ok");
  return 0;
}
