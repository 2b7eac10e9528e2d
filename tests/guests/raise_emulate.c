// policy: default
// stdout: before
// stdout: handler 15
// stdout: after
// stdout: ok

/* raise runs the handler before it returns, and rejects invalid signal numbers. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>

#include "guest.h"

static void on_term(int sig) { printf("handler %d\n", sig); }

int main(void) {
  signal(SIGTERM, on_term);
  puts("before");
  CHECK_INT(raise(SIGTERM), 0);
  puts("after");
  errno = 0;
  CHECK(raise(0) == -1 && errno == EINVAL);
  errno = 0;
  CHECK(raise(65) == -1 && errno == EINVAL);
  puts("ok");
  return 0;
}
