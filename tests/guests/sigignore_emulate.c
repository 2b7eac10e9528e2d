// policy: default
// stdout: ok

/* sigignore sets SIG_IGN and discards a pending instance; SIGKILL is EINVAL. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>

#include "guest.h"

static void on_signal(int sig) { (void)sig; }

int main(void) {
  signal(SIGUSR1, on_signal);
  sighold(SIGUSR1);
  raise(SIGUSR1);
  CHECK_INT(sigignore(SIGUSR1), 0);
  sigset_t pending;
  sigpending(&pending);
  CHECK_INT(sigismember(&pending, SIGUSR1), 0);
  struct sigaction now;
  sigaction(SIGUSR1, NULL, &now);
  CHECK(now.sa_handler == SIG_IGN);
  errno = 0;
  CHECK(sigignore(SIGKILL) == -1 && errno == EINVAL);
  puts("ok");
  return 0;
}
