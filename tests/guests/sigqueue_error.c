// policy: strict
// stdout: ok

/* sigqueue under strict: -1 with ENOSYS. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  errno = 0;
  CHECK(sigqueue(getpid(), SIGUSR1, (union sigval){0}) == -1);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
