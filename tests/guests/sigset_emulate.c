// policy: default
// stdout: ok

/* sigset: SIG_HOLD blocks and returns the previous action (SIG_HOLD when already blocked); a handler
 * becomes the action, unblocks the signal (delivering the pending one) and returns SIG_HOLD; the handler
 * runs with its signal blocked. SIGKILL gives SIG_ERR with EINVAL. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>

#include "guest.h"

static int delivered, blocked_inside;

static void on_signal(int sig) {
  sigset_t mask;
  sigprocmask(SIG_BLOCK, NULL, &mask);
  blocked_inside = sigismember(&mask, sig);
  delivered++;
}

int main(void) {
  CHECK(sigset(SIGUSR1, SIG_HOLD) == SIG_DFL);
  CHECK(sigset(SIGUSR1, SIG_HOLD) == SIG_HOLD);
  raise(SIGUSR1);
  CHECK_INT(delivered, 0);
  CHECK(sigset(SIGUSR1, on_signal) == SIG_HOLD);
  CHECK_INT(delivered, 1);
  CHECK_INT(blocked_inside, 1);
  CHECK(sigset(SIGUSR1, SIG_IGN) == on_signal);
  raise(SIGUSR1);
  CHECK_INT(delivered, 1);
  errno = 0;
  CHECK(sigset(SIGKILL, on_signal) == SIG_ERR && errno == EINVAL);
  puts("ok");
  return 0;
}
