// policy: default
// stdout: ok

/* The aliases wasi-libc's signal.o also defines are ours too: bsd_signal keeps its handler,
 * and a program using SIG_IGN links without pulling the base's signal.o beside ours. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>

#include "guest.h"

static volatile sig_atomic_t calls;

static void on_signal(int sig) {
  (void)sig;
  calls++;
}

int main(void) {
  CHECK(bsd_signal(SIGUSR1, on_signal) == SIG_DFL);
  raise(SIGUSR1);
  raise(SIGUSR1);
  CHECK_INT(calls, 2);
  CHECK(signal(SIGUSR2, SIG_IGN) == SIG_DFL);
  puts("ok");
  return 0;
}
