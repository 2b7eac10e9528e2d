// policy: default
// stdout: ok

/* sigaltstack records and reports the alternate stack; a handler installed with SA_ONSTACK runs on it
 * (its locals lie inside it) and sees SS_ONSTACK, while one without the flag runs on the normal stack;
 * bad flags are EINVAL, a stack below MINSIGSTKSZ ENOMEM, and changing it while on it EPERM. */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "guest.h"

static stack_t alternate;
static int on_alternate, flags_inside, change_refused;

static void on_signal(int sig) {
  (void)sig;
  volatile char local = 0;
  uintptr_t at = (uintptr_t)&local, base = (uintptr_t)alternate.ss_sp;
  on_alternate = at >= base && at < base + alternate.ss_size;
  stack_t now;
  sigaltstack(NULL, &now);
  flags_inside = now.ss_flags;
  change_refused = sigaltstack(&alternate, NULL) == -1 && errno == EPERM;
}

int main(void) {
  stack_t old;
  CHECK_INT(sigaltstack(NULL, &old), 0);
  CHECK_INT(old.ss_flags, SS_DISABLE);
  alternate.ss_sp = malloc(SIGSTKSZ);
  alternate.ss_size = SIGSTKSZ;
  alternate.ss_flags = 0;
  CHECK_INT(sigaltstack(&alternate, NULL), 0);
  CHECK_INT(sigaltstack(NULL, &old), 0);
  CHECK(old.ss_sp == alternate.ss_sp && old.ss_size == SIGSTKSZ &&
        old.ss_flags == 0);

  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sa.sa_flags = SA_ONSTACK;
  sigaction(SIGUSR1, &sa, NULL);
  raise(SIGUSR1);
  CHECK_INT(on_alternate, 1);
  CHECK_INT(flags_inside, SS_ONSTACK);
  CHECK_INT(change_refused, 1);

  sa.sa_flags = 0;
  sigaction(SIGUSR2, &sa, NULL);
  raise(SIGUSR2);
  CHECK_INT(on_alternate, 0);
  CHECK_INT(flags_inside, 0);

  stack_t bad = alternate;
  bad.ss_flags = SS_DISABLE + 1;
  errno = 0;
  CHECK(sigaltstack(&bad, NULL) == -1 && errno == EINVAL);
  bad.ss_flags = 0;
  bad.ss_size = MINSIGSTKSZ - 1;
  errno = 0;
  CHECK(sigaltstack(&bad, NULL) == -1 && errno == ENOMEM);
  stack_t off = {NULL, SS_DISABLE, 0};
  CHECK_INT(sigaltstack(&off, &old), 0);
  CHECK(old.ss_sp == alternate.ss_sp);
  raise(SIGUSR1);
  CHECK_INT(on_alternate, 0);
  puts("ok");
  return 0;
}
