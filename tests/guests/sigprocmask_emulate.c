// policy: default
// stdout: pending while blocked
// stdout: delivered on unblock
// stdout: ok

/* sigprocmask keeps blocked signals pending and delivers them before it returns from unblocking;
 * it reports the old mask, never blocks SIGKILL or SIGSTOP, and rejects an invalid `how`. */
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
  sigset_t block, old, pending;
  sigemptyset(&block);
  sigaddset(&block, SIGUSR1);
  sigaddset(&block, SIGKILL);
  CHECK_INT(sigprocmask(SIG_BLOCK, &block, &old), 0);
  CHECK_INT(sigismember(&old, SIGUSR1), 0);
  CHECK_INT(raise(SIGUSR1), 0);
  CHECK_INT(delivered, 0);
  CHECK_INT(sigpending(&pending), 0);
  CHECK_INT(sigismember(&pending, SIGUSR1), 1);
  puts("pending while blocked");
  CHECK_INT(sigprocmask(SIG_SETMASK, NULL, &old), 0);
  CHECK_INT(sigismember(&old, SIGUSR1), 1);
  CHECK_INT(sigismember(&old, SIGKILL), 0);
  CHECK_INT(sigprocmask(SIG_UNBLOCK, &block, NULL), 0);
  CHECK_INT(delivered, 1);
  puts("delivered on unblock");
  CHECK_INT(sigpending(&pending), 0);
  CHECK_INT(sigismember(&pending, SIGUSR1), 0);
  errno = 0;
  CHECK(sigprocmask(99, &block, NULL) == -1 && errno == EINVAL);
  puts("ok");
  return 0;
}
