// policy: default
// base: trixie
// target: wasm32-wasip1 (clang 19 emits legacy exception handling, which wasmtime does not run, and binaryen translates a core module but not a component)
// stdout: longjmp returned 42 after 3 levels
// stdout: caught SIGUSR1 by longjmp
// stdout: ok

/* setjmp/longjmp through wasi-libc's libsetjmp, compiled by the wrapper with no flags of its own and
 * run under `wasi-shim run` (which translates clang 19's legacy exception handling for wasmtime).
 * Also the interpreter pattern of leaving a signal handler with longjmp. Debian 12's 2022 wasi-libc
 * has no libsetjmp, so this guest runs over the 2024 tree only. */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>

#include "guest.h"

static jmp_buf env;
static int depth;

static void descend(int n) {
  depth++;
  if (n == 0)
    longjmp(env, 42);
  descend(n - 1);
}

static jmp_buf from_handler;

static void on_usr1(int sig) { longjmp(from_handler, sig); }

int main(void) {
  volatile int result = setjmp(env);
  if (result == 0) {
    descend(2);
    CHECK(0 && "descend returned");
  }
  printf("longjmp returned %d after %d levels\n", result, depth);
  CHECK_INT(result, 42);

  signal(SIGUSR1, on_usr1);
  int sig = setjmp(from_handler);
  if (sig == 0) {
    raise(SIGUSR1);
    CHECK(0 && "raise returned");
  }
  CHECK_INT(sig, SIGUSR1);
  puts("caught SIGUSR1 by longjmp");
  puts("ok");
  return 0;
}
