// policy: alarm-emulate.toml
// stdout: alarm fired 14
// stdout: ok

/* alarm's emulation: alarm() reports the seconds left on the previous alarm, alarm(0) cancels, and
 * pause() sleeps until the deadline, delivers SIGALRM and returns -1/EINTR. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "guest.h"

static volatile sig_atomic_t fired;

static void on_alarm(int sig) { fired = sig; }

int main(void) {
  signal(SIGALRM, on_alarm);
  CHECK_INT(alarm(10), 0);
  CHECK_INT(alarm(0), 10);
  CHECK_INT(alarm(0), 0);

  struct timespec start, end;
  clock_gettime(CLOCK_MONOTONIC, &start);
  CHECK_INT(alarm(1), 0);
  errno = 0;
  CHECK_INT(pause(), -1);
  CHECK_INT(errno, EINTR);
  clock_gettime(CLOCK_MONOTONIC, &end);
  printf("alarm fired %d\n", (int)fired);
  double waited =
      (double)(end.tv_sec - start.tv_sec) + (end.tv_nsec - start.tv_nsec) / 1e9;
  CHECK(waited >= 0.9);
  puts("ok");
  return 0;
}
