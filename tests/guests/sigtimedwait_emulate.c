// policy: default
// stdout: ok

/* sigtimedwait takes a pending signal at once; with none it sleeps its timeout and fails with EAGAIN;
 * a malformed timeout is EINVAL. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <time.h>

#include "guest.h"

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

int main(void) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGUSR1);
  sigprocmask(SIG_BLOCK, &set, NULL);
  raise(SIGUSR1);
  struct timespec timeout = {0, 200000000};
  siginfo_t info;
  CHECK_INT(sigtimedwait(&set, &info, &timeout), SIGUSR1);
  double before = now();
  errno = 0;
  CHECK(sigtimedwait(&set, &info, &timeout) == -1 && errno == EAGAIN);
  CHECK(now() - before >= 0.19);
  struct timespec zero = {0, 0};
  errno = 0;
  CHECK(sigtimedwait(&set, &info, &zero) == -1 && errno == EAGAIN);
  struct timespec bad = {0, 1000000000};
  errno = 0;
  CHECK(sigtimedwait(&set, &info, &bad) == -1 && errno == EINVAL);
  puts("ok");
  return 0;
}
