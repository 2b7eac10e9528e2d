// policy: default
// stdout: delivered 2
// stdout: ok

/* kill reaches this process through getpid() and 0 (its group); -1 (every process but the caller and
 * init, as on Linux) reaches none here, whose parent is init: ESRCH; sig 0 probes without delivering;
 * init exists but is out of reach (EPERM); any other pid fails with ESRCH; invalid signals with EINVAL. */
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
  CHECK_INT(getpid(), 42);
  CHECK_INT(kill(getpid(), SIGUSR1), 0);
  CHECK_INT(kill(0, SIGUSR1), 0);
  errno = 0;
  CHECK(kill(-1, SIGUSR1) == -1 && errno == ESRCH);
  printf("delivered %d\n", (int)delivered);
  CHECK_INT(kill(getpid(), 0), 0);
  CHECK_INT(delivered, 2);
  errno = 0;
  CHECK(kill(4242, 0) == -1 && errno == ESRCH);
  errno = 0;
  CHECK(kill(1, SIGTERM) == -1 && errno == EPERM);
  errno = 0;
  CHECK(kill(getpid(), 65) == -1 && errno == EINVAL);
  puts("ok");
  return 0;
}
