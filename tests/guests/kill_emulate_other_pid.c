// policy: default
// stdout: ok

/* Other processes: the parent getppid() reports and init exist but are out of reach (EPERM for this
 * non-root user, probe included), any other pid or group is ESRCH, and kill(-1) reaches every process
 * but the caller and init, which under the default policy (parent 1) is none: ESRCH. Nothing is ever
 * delivered here. */
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
  signal(SIGTERM, on_signal);
  errno = 0;
  CHECK(kill(43, SIGTERM) == -1 && errno == ESRCH);
  errno = 0;
  CHECK(kill(-43, SIGTERM) == -1 && errno == ESRCH);
  errno = 0;
  CHECK(kill(getppid(), 0) == -1 && errno == EPERM);
  errno = 0;
  CHECK(kill(1, SIGTERM) == -1 && errno == EPERM);
  errno = 0;
  CHECK(kill(-1, SIGTERM) == -1 && errno == ESRCH);
  errno = 0;
  CHECK(sigqueue(1, 0, (union sigval){0}) == -1 && errno == EPERM);
  errno = 0;
  CHECK(sigqueue(43, SIGTERM, (union sigval){0}) == -1 && errno == ESRCH);
  CHECK_INT(delivered, 0);
  puts("ok");
  return 0;
}
