// policy: default
// stdout: 34:9 40:1 40:2 40:3
// stdout: ok

/* sigqueue to this process: every instance of a blocked real-time signal is queued with its value, and
 * on unblocking they run lowest signal first, each signal's instances in the order they were sent, with
 * si_code SI_QUEUE. A standard signal queued twice while blocked is pending once. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "guest.h"

static int usr1_calls, order;

static void on_realtime(int sig, siginfo_t *info, void *context) {
  (void)context;
  CHECK_INT(info->si_code, SI_QUEUE);
  CHECK_INT(info->si_pid, getpid());
  printf("%s%d:%d", order++ ? " " : "", sig, info->si_value.sival_int);
}

static void on_usr1(int sig) {
  (void)sig;
  usr1_calls++;
}

int main(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_realtime;
  sa.sa_flags = SA_SIGINFO;
  CHECK_INT(sigaction(SIGRTMIN, &sa, NULL), 0);
  CHECK_INT(sigaction(SIGRTMIN + 6, &sa, NULL), 0);
  signal(SIGUSR1, on_usr1);
  sigset_t block;
  sigfillset(&block);
  sigprocmask(SIG_BLOCK, &block, NULL);
  for (int i = 1; i <= 3; i++)
    CHECK_INT(sigqueue(getpid(), SIGRTMIN + 6, (union sigval){.sival_int = i}),
              0);
  CHECK_INT(sigqueue(getpid(), SIGRTMIN, (union sigval){.sival_int = 9}), 0);
  CHECK_INT(sigqueue(getpid(), SIGUSR1, (union sigval){.sival_int = 1}), 0);
  CHECK_INT(sigqueue(getpid(), SIGUSR1, (union sigval){.sival_int = 2}), 0);
  CHECK_INT(sigqueue(getpid(), 0, (union sigval){0}), 0);
  sigprocmask(SIG_UNBLOCK, &block, NULL);
  printf("\n");
  CHECK_INT(usr1_calls, 1);
  errno = 0;
  CHECK(sigqueue(getpid(), 65, (union sigval){0}) == -1 && errno == EINVAL);
  puts("ok");
  return 0;
}
