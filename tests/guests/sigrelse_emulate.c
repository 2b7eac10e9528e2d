// policy: default
// stdout: ok

/* sigrelse unblocks a signal and delivers it when pending, before returning; it leaves other blocked
 * signals blocked. */
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
  signal(SIGUSR2, on_signal);
  sigset_t block, mask;
  sigemptyset(&block);
  sigaddset(&block, SIGUSR2);
  sigaddset(&block, SIGHUP);
  sigprocmask(SIG_BLOCK, &block, NULL);
  raise(SIGUSR2);
  CHECK_INT(delivered, 0);
  CHECK_INT(sigrelse(SIGUSR2), 0);
  CHECK_INT(delivered, 1);
  sigprocmask(SIG_BLOCK, NULL, &mask);
  CHECK_INT(sigismember(&mask, SIGUSR2), 0);
  CHECK_INT(sigismember(&mask, SIGHUP), 1);
  errno = 0;
  CHECK(sigrelse(65) == -1 && errno == EINVAL);
  puts("ok");
  return 0;
}
