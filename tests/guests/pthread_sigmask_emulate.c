// policy: default
// stdout: ok

/* pthread_sigmask behaves as sigprocmask for the one thread but returns error numbers. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>

#include "guest.h"

static volatile sig_atomic_t delivered;

static void on_signal(int sig) {
  (void)sig;
  delivered++;
}

int main(void) {
  signal(SIGUSR1, on_signal);
  sigset_t block, old;
  sigemptyset(&block);
  sigaddset(&block, SIGUSR1);
  CHECK_INT(pthread_sigmask(SIG_BLOCK, &block, NULL), 0);
  raise(SIGUSR1);
  CHECK_INT(delivered, 0);
  CHECK_INT(pthread_sigmask(SIG_UNBLOCK, &block, &old), 0);
  CHECK_INT(sigismember(&old, SIGUSR1), 1);
  CHECK_INT(delivered, 1);
  errno = 0;
  CHECK_INT(pthread_sigmask(-1, &block, NULL), EINVAL);
  CHECK_INT(errno, 0);
  puts("ok");
  return 0;
}
