// policy: default
// stdout: ok

/* Stress: an SA_NODEFER handler that raises its own signal 1000 times. Deliveries nest at most 32 deep
 * (the documented limit); the rest wait as pending and run as handlers return, so every one of the 1000
 * arrives, each with the right signal number, and the shadow stack never reaches the program's data
 * (before the limit, ~370 nested deliveries at -O0 overwrote .bss and the handler saw a corrupted signo). */
#include <signal.h>
#include <stdio.h>

#include "guest.h"

static volatile int delivered, depth, deepest, wrong_signo;
static volatile char canary[64] = "canary";

static void handler(int sig) {
  volatile char
      frame[256]; /* a handler with a real frame, as an -O0 build has */
  frame[0] = (char)sig;
  if (sig != SIGUSR1 || frame[0] != SIGUSR1)
    wrong_signo++;
  depth++;
  if (depth > deepest)
    deepest = depth;
  if (++delivered < 1000)
    raise(SIGUSR1);
  depth--;
}

int main(void) {
  struct sigaction sa = {0};
  sa.sa_handler = handler;
  sa.sa_flags = SA_NODEFER;
  CHECK(sigaction(SIGUSR1, &sa, 0) == 0);
  CHECK(raise(SIGUSR1) == 0);
  CHECK_INT(delivered, 1000);
  CHECK_INT(deepest, 32);
  CHECK_INT(wrong_signo, 0);
  CHECK_STR((const char *)canary, "canary");
  sigset_t pending;
  CHECK(sigpending(&pending) == 0);
  CHECK(!sigismember(&pending, SIGUSR1));
  puts("ok");
  return 0;
}
