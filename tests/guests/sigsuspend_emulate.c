// policy: default
// stdout: handled 10
// stdout: ok

/* sigsuspend installs its mask, delivers a pending signal that mask lets through, returns -1/EINTR
 * and restores the previous mask. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>

#include "guest.h"

static volatile sig_atomic_t handled;

static void on_signal(int sig) { handled = sig; }

int main(void) {
  signal(SIGUSR1, on_signal);
  sigset_t block, empty, now;
  sigemptyset(&block);
  sigaddset(&block, SIGUSR1);
  sigemptyset(&empty);
  sigprocmask(SIG_BLOCK, &block, NULL);
  raise(SIGUSR1);
  CHECK_INT(handled, 0);
  errno = 0;
  CHECK_INT(sigsuspend(&empty), -1);
  CHECK_INT(errno, EINTR);
  printf("handled %d\n", (int)handled);
  sigprocmask(SIG_SETMASK, NULL, &now);
  CHECK_INT(sigismember(&now, SIGUSR1), 1);
  puts("ok");
  return 0;
}
