// policy: default
// stdout: ok

/* A pending signal is discarded when its action becomes SIG_IGN, and an ignored signal never becomes pending. */
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
  CHECK_INT(sigismember(&pending, SIGUSR2), 0);
  signal(SIGUSR2, on_signal);
  sigprocmask(SIG_UNBLOCK, &block, NULL);
  CHECK_INT(delivered, 0);
  puts("ok");
  return 0;
}
