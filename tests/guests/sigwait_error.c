// policy: strict
// stdout: ok

/* sigwait under the strict policy: returns ENOSYS (the error number, not -1). */
#include <errno.h>
#include <signal.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGUSR1);
  int sig = 0;
  CHECK_INT(sigwait(&set, &sig), ENOSYS);
  puts("ok");
  return 0;
}
