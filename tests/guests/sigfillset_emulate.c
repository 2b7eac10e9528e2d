// policy: default
// stdout: ok

/* sigfillset includes all 64 signals; sigset_t is musl's 128-byte set, not wasi-libc's 8-bit placeholder. */
#include <signal.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  sigset_t set;
  CHECK(sizeof set == 128);
  CHECK_INT(sigfillset(&set), 0);
  for (int sig = 1; sig < 65; sig++)
    CHECK_INT(sigismember(&set, sig), 1);
  puts("ok");
  return 0;
}
