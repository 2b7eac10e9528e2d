// policy: strict
// stdout: ok

/* sigfillset under strict: fails with -1 and errno ENOSYS, as an honest wasi-libc stub would. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  struct sigaction sa;
  sigset_t set;
  memset(&sa, 0, sizeof sa);
  memset(&set, 0, sizeof set);
  errno = 0;
  CHECK(sigfillset(&set) == -1);
  CHECK_INT(errno, ENOSYS);
  (void)sa;
  (void)set;
  puts("ok");
  return 0;
}
