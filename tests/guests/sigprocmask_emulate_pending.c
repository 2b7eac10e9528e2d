// policy: default
// stdout: pending: USR1 USR2 TERM
// stdout: order: 10 12 15
// stdout: ok

/* Blocked signals stay pending, each at most once (standard signals do not queue), and all of them
 * are delivered, lowest number first, before the sigprocmask call that unblocks them returns. */
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

static int order[8];
static volatile sig_atomic_t count;

static void on_signal(int sig) {
  if (count < 8)
    order[count] = sig;
  count++;
}

int main(void) {
  signal(SIGUSR1, on_signal);
  signal(SIGUSR2, on_signal);
  signal(SIGTERM, on_signal);
  sigset_t block, old, pending;
  sigemptyset(&block);
  sigaddset(&block, SIGUSR1);
  sigaddset(&block, SIGUSR2);
  sigaddset(&block, SIGTERM);
  CHECK_INT(sigprocmask(SIG_BLOCK, &block, &old), 0);
  CHECK_INT(raise(SIGTERM), 0);
  CHECK_INT(raise(SIGUSR2), 0);
  CHECK_INT(raise(SIGUSR2), 0);
  CHECK_INT(kill(getpid(), SIGUSR1), 0);
  CHECK_INT(count, 0);
  CHECK_INT(sigpending(&pending), 0);
  CHECK_INT(sigismember(&pending, SIGUSR1), 1);
  CHECK_INT(sigismember(&pending, SIGUSR2), 1);
  CHECK_INT(sigismember(&pending, SIGTERM), 1);
  CHECK_INT(sigismember(&pending, SIGINT), 0);
  puts("pending: USR1 USR2 TERM");
  CHECK_INT(sigprocmask(SIG_SETMASK, &old, NULL), 0);
  CHECK_INT(count, 3);
  printf("order: %d %d %d\n", order[0], order[1], order[2]);
  CHECK_INT(sigpending(&pending), 0);
  CHECK_INT(sigismember(&pending, SIGUSR2), 0);
  puts("ok");
  return 0;
}
