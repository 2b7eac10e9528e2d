// policy: default
// exit: 138
// stdout: before

/* SIG_DFL of a terminating signal ends the program with status 128+signo (SIGUSR1 is 10). */
#include <signal.h>
#include <stdio.h>

int main(void) {
  puts("before");
  fflush(stdout);
  raise(SIGUSR1);
  puts("after");
  return 0;
}
