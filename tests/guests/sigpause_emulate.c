// policy: default
// stdout: ok

/* sigpause(sig) waits with sig removed from the mask: a pending sig is delivered, it returns -1/EINTR, and
 * the mask is as before (sig still blocked). */
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
  sighold(SIGUSR1);
  raise(SIGUSR1);
  errno = 0;
  CHECK(sigpause(SIGUSR1) == -1 && errno == EINTR);
  CHECK_INT(delivered, 1);
  sigset_t mask;
  sigprocmask(SIG_BLOCK, NULL, &mask);
  CHECK_INT(sigismember(&mask, SIGUSR1), 1);
  errno = 0;
  CHECK(sigpause(0) == -1 && errno == EINVAL);
  puts("ok");
  return 0;
}
