// policy: signal-exit-base0.toml
// exit: 15
// stdout: before

/* Under signals.exit_status_base = 0, SIGTERM's default action ends the program with status 15, the signal
 * number: a status every runtime passes on, wasmtime's CLI and PyPI wheel among them (they refuse 143). */
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

int main(void) {
  puts("before");
  fflush(stdout);
  kill(getpid(), SIGTERM);
  puts("after");
  return 0;
}
