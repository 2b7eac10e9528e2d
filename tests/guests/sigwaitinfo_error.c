// policy: strict
// stdout: ok

/* sigwaitinfo under strict: -1 with ENOSYS. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGUSR1);
  errno = 0;
  CHECK(sigwaitinfo(&set, NULL) == -1);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
