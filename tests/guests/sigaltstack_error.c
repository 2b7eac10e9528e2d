// policy: strict
// stdout: ok

/* sigaltstack under strict: -1 with ENOSYS. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  stack_t old;
  errno = 0;
  CHECK(sigaltstack(NULL, &old) == -1);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
