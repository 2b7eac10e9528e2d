// policy: default
// stdout: deferred: depth 1 calls 2
// stdout: nodefer: depth 2 calls 2
// stdout: ok

/* While a handler runs its signal is blocked, so raising it again inside the handler leaves it
 * pending until the handler returns; with SA_NODEFER it nests at once. */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "guest.h"

static volatile sig_atomic_t depth, max_depth, calls;

static void on_signal(int sig) {
  calls++;
  depth++;
  if (depth > max_depth)
    max_depth = depth;
  if (calls == 1)
    raise(sig);
  depth--;
}

static void run(const char *name, int flags) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sa.sa_flags = flags;
  CHECK_INT(sigaction(SIGUSR2, &sa, NULL), 0);
  depth = max_depth = calls = 0;
  CHECK_INT(raise(SIGUSR2), 0);
  printf("%s: depth %d calls %d\n", name, (int)max_depth, (int)calls);
}

int main(void) {
  run("deferred", 0);
  CHECK_INT(max_depth, 1);
  run("nodefer", SA_NODEFER);
  CHECK_INT(max_depth, 2);
  puts("ok");
  return 0;
}
