// policy: default
// stdout: ok

/* sigismember answers 1 or 0 and rejects numbers outside 1..64 with EINVAL. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  CHECK_INT(sigismember(&set, SIGINT), 1);
  CHECK_INT(sigismember(&set, SIGQUIT), 0);
  errno = 0;
  CHECK(sigismember(&set, 100) == -1 && errno == EINVAL);
  puts("ok");
  return 0;
}
