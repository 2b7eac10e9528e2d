// policy: default
// stdout: ok

/* siginterrupt(sig, 1) clears SA_RESTART in the recorded action and siginterrupt(sig, 0) sets it. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>

#include "guest.h"

static void on_signal(int sig) { (void)sig; }

int main(void) {
  struct sigaction now;
  signal(SIGINT, on_signal);
  CHECK_INT(siginterrupt(SIGINT, 1), 0);
  sigaction(SIGINT, NULL, &now);
  CHECK_INT(now.sa_flags & SA_RESTART, 0);
  CHECK_INT(siginterrupt(SIGINT, 0), 0);
  sigaction(SIGINT, NULL, &now);
  CHECK(now.sa_flags & SA_RESTART);
  CHECK(now.sa_handler == on_signal);
  errno = 0;
  CHECK(siginterrupt(99, 1) == -1 && errno == EINVAL);
  puts("ok");
  return 0;
}
