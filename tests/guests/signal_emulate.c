// policy: default
// stdout: handled 10
// stdout: ok

/* signal: installs a handler that raise runs synchronously, returns the previous handler,
 * SIG_IGN ignores, and SIGKILL/SIGSTOP/invalid numbers fail with SIG_ERR and EINVAL. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>

#include "guest.h"

static volatile sig_atomic_t handled;

static void on_signal(int sig) { handled = sig; }

int main(void) {
  CHECK(signal(SIGUSR1, on_signal) == SIG_DFL);
  CHECK_INT(raise(SIGUSR1), 0);
  printf("handled %d\n", (int)handled);
  CHECK(signal(SIGUSR1, SIG_IGN) == on_signal);
  handled = 0;
  CHECK_INT(raise(SIGUSR1), 0);
  CHECK_INT(handled, 0);
  errno = 0;
  CHECK(signal(SIGKILL, on_signal) == SIG_ERR && errno == EINVAL);
  errno = 0;
  CHECK(signal(SIGSTOP, SIG_IGN) == SIG_ERR && errno == EINVAL);
  errno = 0;
  CHECK(signal(0, on_signal) == SIG_ERR && errno == EINVAL);
  errno = 0;
  CHECK(signal(65, on_signal) == SIG_ERR && errno == EINVAL);
  puts("ok");
  return 0;
}
