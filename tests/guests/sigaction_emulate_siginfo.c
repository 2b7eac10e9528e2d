// policy: default
// stdout: kill: signo 10 code 0 pid 42 uid 1000
// stdout: raise: signo 10 code -6 pid 42 uid 1000
// stdout: raised while blocked: signo 10 code 0 pid 42 uid 1000
// stdout: ok

/* SA_SIGINFO: the handler gets si_signo, si_code (SI_USER from kill, SI_TKILL from raise, SI_USER from a
 * raise while blocked: the codes Linux reports), and si_pid/si_uid of the sender, which is this process
 * under the policy's identity. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "guest.h"

static siginfo_t last;
static volatile sig_atomic_t calls;

static void on_signal(int sig, siginfo_t *info, void *context) {
  (void)sig;
  (void)context;
  last = *info;
  calls++;
}

static void show(const char *how) {
  printf("%s: signo %d code %d pid %d uid %u\n", how, last.si_signo,
         last.si_code, (int)last.si_pid, (unsigned)last.si_uid);
}

int main(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_signal;
  sa.sa_flags = SA_SIGINFO;
  CHECK_INT(sigaction(SIGUSR1, &sa, NULL), 0);
  CHECK_INT(kill(getpid(), SIGUSR1), 0);
  CHECK_INT(calls, 1);
  CHECK_INT(last.si_code, SI_USER);
  show("kill");
  CHECK_INT(raise(SIGUSR1), 0);
  CHECK_INT(calls, 2);
  CHECK_INT(last.si_code, SI_TKILL);
  show("raise");
  sigset_t block;
  sigemptyset(&block);
  sigaddset(&block, SIGUSR1);
  CHECK_INT(sigprocmask(SIG_BLOCK, &block, NULL), 0);
  CHECK_INT(raise(SIGUSR1), 0);
  CHECK_INT(calls, 2);
  CHECK_INT(sigprocmask(SIG_UNBLOCK, &block, NULL), 0);
  CHECK_INT(calls, 3);
  CHECK_INT(last.si_code, SI_USER);
  show("raised while blocked");
  puts("ok");
  return 0;
}
