// policy: default
// exit: 134
// stderr-contains: wasi-shim: sigwait would wait forever

/* sigwait with nothing pending and no alarm armed: nothing can ever arrive, so it says so and aborts. */
#include <signal.h>
#include <stddef.h>

int main(void) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGUSR1);
  sigprocmask(SIG_BLOCK, &set, NULL);
  int sig;
  sigwait(&set, &sig);
  return 0;
}
