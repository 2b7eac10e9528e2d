// policy: default
// exit: 138

/* SA_RESETHAND: the first SIGUSR1 runs the handler and resets the action to SIG_DFL, so the second
 * one terminates the program with status 128+SIGUSR1. */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "guest.h"

static volatile sig_atomic_t calls;

static void on_signal(int sig) {
  (void)sig;
  calls++;
}

int main(void) {
  struct sigaction sa, now;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sa.sa_flags = SA_RESETHAND;
  CHECK_INT(sigaction(SIGUSR1, &sa, NULL), 0);
  CHECK_INT(raise(SIGUSR1), 0);
  CHECK_INT(calls, 1);
  CHECK_INT(sigaction(SIGUSR1, NULL, &now), 0);
  CHECK(now.sa_handler == SIG_DFL);
  fflush(stdout);
  raise(SIGUSR1);
  puts("still running after a terminating signal");
  return 0;
}
