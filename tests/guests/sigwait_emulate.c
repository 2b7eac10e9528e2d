// policy: default
// stdout: ok

/* sigwait takes a pending blocked signal without running its handler, lowest first, and returns 0;
 * a set with nothing waitable is EINVAL (returned, not in errno). */
#include <errno.h>
#include <signal.h>
#include <stdio.h>

#include "guest.h"

static int handled;
static void on_signal(int sig) {
  (void)sig;
  handled++;
}

int main(void) {
  signal(SIGUSR1, on_signal);
  signal(SIGUSR2, on_signal);
  sigset_t set, pending;
  sigemptyset(&set);
  sigaddset(&set, SIGUSR1);
  sigaddset(&set, SIGUSR2);
  sigprocmask(SIG_BLOCK, &set, NULL);
  raise(SIGUSR2);
  raise(SIGUSR1);
  int sig = 0;
  CHECK_INT(sigwait(&set, &sig), 0);
  CHECK_INT(sig, SIGUSR1);
  CHECK_INT(sigwait(&set, &sig), 0);
  CHECK_INT(sig, SIGUSR2);
  CHECK_INT(sigpending(&pending), 0);
  CHECK_INT(sigismember(&pending, SIGUSR2), 0);
  CHECK_INT(handled, 0);
  sigset_t unwaitable;
  sigemptyset(&unwaitable);
  sigaddset(&unwaitable, SIGKILL);
  CHECK_INT(sigwait(&unwaitable, &sig), EINVAL);
  puts("ok");
  return 0;
}
