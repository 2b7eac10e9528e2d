// policy: alarm-emulate.toml
// stdout: woke by 14
// stdout: ok

/* With an emulated alarm armed, sigsuspend sleeps until its deadline, delivers SIGALRM through the
 * mask it installed (SIGALRM is blocked outside), returns -1/EINTR and restores the mask. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "guest.h"

static volatile sig_atomic_t woke;

static void on_alarm(int sig) { woke = sig; }

int main(void) {
  signal(SIGALRM, on_alarm);
  sigset_t block, wait_mask, now;
  sigemptyset(&block);
  sigaddset(&block, SIGALRM);
  CHECK_INT(sigprocmask(SIG_BLOCK, &block, &wait_mask), 0);
  CHECK_INT(alarm(1), 0);
  struct timespec start, end;
  clock_gettime(CLOCK_MONOTONIC, &start);
  errno = 0;
  CHECK_INT(sigsuspend(&wait_mask), -1);
  CHECK_INT(errno, EINTR);
  clock_gettime(CLOCK_MONOTONIC, &end);
  printf("woke by %d\n", (int)woke);
  CHECK_INT(woke, SIGALRM);
  CHECK((end.tv_sec - start.tv_sec) + (end.tv_nsec - start.tv_nsec) / 1e9 >=
        0.9);
  CHECK_INT(sigprocmask(SIG_SETMASK, NULL, &now), 0);
  CHECK_INT(sigismember(&now, SIGALRM), 1);
  CHECK_INT(alarm(0), 0);
  puts("ok");
  return 0;
}
