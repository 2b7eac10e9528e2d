// policy: default
// stdout: ok

/* No other process exists in a WASI sandbox: kill of another pid or group is ESRCH, never delivered here. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>

#include "guest.h"

static volatile sig_atomic_t delivered;

static void on_signal(int sig) {
  (void)sig;
  delivered++;
}

int main(void) {
  signal(SIGTERM, on_signal);
  errno = 0;
  CHECK(kill(43, SIGTERM) == -1 && errno == ESRCH);
  errno = 0;
  CHECK(kill(-43, SIGTERM) == -1 && errno == ESRCH);
  CHECK_INT(delivered, 0);
  puts("ok");
  return 0;
}
