// policy: default
// stdout: ok

/* sigwaitinfo takes a pending signal of its set without running the handler: the lowest first, a
 * real-time signal's oldest instance with its value; with nothing pending and no alarm nothing can ever
 * arrive, so it fails with EAGAIN instead of hanging. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

static int handled;

static void on_signal(int sig) {
  (void)sig;
  handled++;
}

int main(void) {
  signal(SIGUSR2, on_signal);
  signal(SIGRTMIN, on_signal);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGUSR2);
  sigaddset(&set, SIGRTMIN);
  sigprocmask(SIG_BLOCK, &set, NULL);
  sigqueue(getpid(), SIGRTMIN, (union sigval){.sival_int = 7});
  sigqueue(getpid(), SIGRTMIN, (union sigval){.sival_int = 8});
  raise(SIGUSR2);
  siginfo_t info;
  CHECK_INT(sigwaitinfo(&set, &info), SIGUSR2);
  CHECK_INT(info.si_signo, SIGUSR2);
  CHECK_INT(info.si_code, SI_USER);
  CHECK_INT(sigwaitinfo(&set, &info), SIGRTMIN);
  CHECK_INT(info.si_code, SI_QUEUE);
  CHECK_INT(info.si_value.sival_int, 7);
  CHECK_INT(sigwaitinfo(&set, NULL), SIGRTMIN);
  errno = 0;
  CHECK(sigwaitinfo(&set, &info) == -1 && errno == EAGAIN);
  CHECK_INT(handled, 0);
  puts("ok");
  return 0;
}
