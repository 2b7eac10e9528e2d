// policy: default
// exit: 134
// stderr-contains: wasi-shim: sigsuspend would wait forever: no signal can arrive in this sandbox

/* With nothing pending and no alarm armed no signal can ever arrive: sigsuspend says so and aborts
 * instead of hanging. */
#include <signal.h>

int main(void) {
  sigset_t empty;
  sigemptyset(&empty);
  sigsuspend(&empty);
  return 0;
}
