// policy: alarm-emulate.toml
// exit: 142
// stdout: waiting

/* SIGALRM's default action terminates: pause sleeps until the emulated alarm expires, and the
 * program then ends with status 128+SIGALRM (142), as under a shell. */
#include <stdio.h>
#include <unistd.h>

int main(void) {
  alarm(1);
  puts("waiting");
  fflush(stdout);
  pause();
  puts("pause returned");
  return 0;
}
