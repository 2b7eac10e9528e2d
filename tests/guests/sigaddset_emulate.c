// policy: default
// stdout: ok

/* sigaddset adds exactly one signal, high numbers included, and rejects numbers outside 1..64. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  sigset_t set;
  sigemptyset(&set);
  CHECK_INT(sigaddset(&set, SIGUSR1), 0);
  CHECK_INT(sigaddset(&set, 64), 0);
  for (int sig = 1; sig < 65; sig++)
    CHECK_INT(sigismember(&set, sig), sig == SIGUSR1 || sig == 64);
  errno = 0;
  CHECK(sigaddset(&set, 0) == -1 && errno == EINVAL);
  errno = 0;
  CHECK(sigaddset(&set, 65) == -1 && errno == EINVAL);
  puts("ok");
  return 0;
}
