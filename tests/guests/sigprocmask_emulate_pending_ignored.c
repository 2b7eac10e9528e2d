// policy: default
// stdout: ok

/* A pending signal is discarded when its action becomes SIG_IGN; an ignored signal generated while blocked
 * stays pending (as on Linux: its action may change before it is unblocked) and is discarded on unblocking
 * when its action is still to ignore. An unblocked ignored signal is discarded at once. */
#include <signal.h>
#include <stdio.h>

#include "guest.h"

static volatile sig_atomic_t delivered;

static void on_signal(int sig) {
  (void)sig;
  delivered++;
}

int main(void) {
  signal(SIGUSR2, on_signal);
  sigset_t block, pending;
  sigemptyset(&block);
  sigaddset(&block, SIGUSR2);
  sigprocmask(SIG_BLOCK, &block, NULL);
  raise(SIGUSR2);
  signal(SIGUSR2, SIG_IGN);
  sigpending(&pending);
  CHECK_INT(sigismember(&pending, SIGUSR2), 0);
  raise(SIGUSR2);
  sigpending(&pending);
  CHECK_INT(sigismember(&pending, SIGUSR2), 1);
  sigprocmask(SIG_UNBLOCK, &block, NULL);
  sigpending(&pending);
  CHECK_INT(sigismember(&pending, SIGUSR2), 0);
  raise(SIGUSR2);
  sigpending(&pending);
  CHECK_INT(sigismember(&pending, SIGUSR2), 0);
  signal(SIGUSR2, on_signal);
  CHECK_INT(delivered, 0);
  puts("ok");
  return 0;
}
