// policy: default
// stdout: ok

/* sigaction: reports the previous action, records flags and mask, refuses handlers on SIGKILL and
 * SIGSTOP (SIG_DFL is allowed) and invalid signals, and signal() installs with SA_RESTART. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "guest.h"

static void on_signal(int sig) { (void)sig; }

int main(void) {
  struct sigaction sa, old;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sa.sa_flags = SA_RESTART;
  sigemptyset(&sa.sa_mask);
  sigaddset(&sa.sa_mask, SIGUSR2);
  CHECK_INT(sigaction(SIGUSR1, &sa, &old), 0);
  CHECK(old.sa_handler == SIG_DFL);
  CHECK_INT(sigaction(SIGUSR1, NULL, &old), 0);
  CHECK(old.sa_handler == on_signal);
  CHECK_INT(old.sa_flags, SA_RESTART);
  CHECK_INT(sigismember(&old.sa_mask, SIGUSR2), 1);

  errno = 0;
  CHECK(sigaction(SIGKILL, &sa, NULL) == -1 && errno == EINVAL);
  errno = 0;
  CHECK(sigaction(SIGSTOP, &sa, NULL) == -1 && errno == EINVAL);
  sa.sa_handler = SIG_DFL;
  CHECK_INT(sigaction(SIGKILL, &sa, NULL), 0);
  CHECK_INT(sigaction(SIGKILL, NULL, &old), 0);
  errno = 0;
  CHECK(sigaction(0, &sa, NULL) == -1 && errno == EINVAL);
  errno = 0;
  CHECK(sigaction(65, NULL, &old) == -1 && errno == EINVAL);

  signal(SIGHUP, on_signal);
  CHECK_INT(sigaction(SIGHUP, NULL, &old), 0);
  CHECK(old.sa_flags & SA_RESTART);
  puts("ok");
  return 0;
}
