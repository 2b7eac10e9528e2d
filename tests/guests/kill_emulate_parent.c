// policy: parent7.toml
// stdout: ok

/* With a parent other than init, kill(-1, sig) reaches a process besides the caller: 0, as Linux answers
 * when every process it reached refused the signal, and nothing is delivered here. The parent exists for
 * kill but is out of reach: EPERM, probe included, for this non-root user. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

static volatile sig_atomic_t delivered;

static void on_signal(int sig) {
  (void)sig;
  delivered++;
}

int main(void) {
  signal(SIGUSR1, on_signal);
  CHECK_INT(getppid(), 7);
  CHECK_INT(kill(-1, SIGUSR1), 0);
  CHECK_INT(delivered, 0);
  errno = 0;
  CHECK(kill(getppid(), 0) == -1 && errno == EPERM);
  errno = 0;
  CHECK(kill(8, 0) == -1 && errno == ESRCH);
  puts("ok");
  return 0;
}
