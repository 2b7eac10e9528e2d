// policy: default
// exit: 143
// stdout: before

/* SIGTERM's default action ends the program with status 143 (128+15), as a shell reports a process it killed:
 * on wasm32-wasip1 through proc_exit, on wasm32-wasip2 through wasi:cli/exit's exit-with-code (the preview 1
 * adapter's exit would report 1), and wasi-shim run passes either through. */
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
