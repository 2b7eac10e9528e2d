// policy: alarm-emulate.toml
// stdout: ok

/* An expired alarm is delivered at the next signal check (here sigpending), not asynchronously. */
#include <signal.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "guest.h"

static volatile sig_atomic_t fired;

static void on_alarm(int sig) {
  (void)sig;
  fired = 1;
}

int main(void) {
  signal(SIGALRM, on_alarm);
  alarm(1);
  struct timespec nap = {1, 200000000};
  nanosleep(&nap, NULL);
  CHECK_INT(fired, 0);
  sigset_t pending;
  sigpending(&pending);
  CHECK_INT(fired, 1);
  puts("ok");
  return 0;
}
