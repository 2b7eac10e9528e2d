// policy: alarm-emulate.toml
// stdout: ok

/* With the alarm emulated, sigtimedwait on a blocked SIGALRM returns it when the alarm fires, before a
 * longer timeout runs out. */
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGALRM);
  sigprocmask(SIG_BLOCK, &set, NULL);
  alarm(1);
  struct timespec timeout = {5, 0};
  siginfo_t info;
  CHECK_INT(sigtimedwait(&set, &info, &timeout), SIGALRM);
  CHECK_INT(info.si_code, SI_KERNEL);
  puts("ok");
  return 0;
}
