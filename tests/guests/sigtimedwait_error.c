// policy: strict
// stdout: ok

/* sigtimedwait under strict: -1 with ENOSYS. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGUSR1);
  struct timespec timeout = {0, 0};
  errno = 0;
  CHECK(sigtimedwait(&set, NULL, &timeout) == -1);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
