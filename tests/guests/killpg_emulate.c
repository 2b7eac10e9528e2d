// policy: default
// stdout: ok

/* killpg reaches this process's group (its pid) or 0; other groups are ESRCH; a negative group EINVAL. */
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
  signal(SIGHUP, on_signal);
  CHECK_INT(killpg(getpid(), SIGHUP), 0);
  CHECK_INT(killpg(0, SIGHUP), 0);
  CHECK_INT(delivered, 2);
  errno = 0;
  CHECK(killpg(77, SIGHUP) == -1 && errno == ESRCH);
  errno = 0;
  CHECK(killpg(-2, SIGHUP) == -1 && errno == EINVAL);
  puts("ok");
  return 0;
}
