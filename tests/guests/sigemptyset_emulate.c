// policy: default
// stdout: ok

/* sigemptyset clears every signal, including those a previous fill set. */
#include <signal.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  sigset_t set;
  sigfillset(&set);
  CHECK_INT(sigemptyset(&set), 0);
  for (int sig = 1; sig < 65; sig++)
    CHECK_INT(sigismember(&set, sig), 0);
  puts("ok");
  return 0;
}
