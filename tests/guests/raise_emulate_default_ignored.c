// policy: default
// stdout: ok

/* Signals whose default action is to ignore (SIGCHLD, SIGURG, SIGWINCH, SIGCONT, and the stop
 * signals, since there is no job control) do nothing under SIG_DFL. */
#include <signal.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  int ignored[] = {SIGCHLD, SIGURG,  SIGWINCH, SIGCONT,
                   SIGTSTP, SIGTTIN, SIGTTOU,  SIGSTOP};
  for (unsigned i = 0; i < sizeof ignored / sizeof ignored[0]; i++)
    CHECK_INT(raise(ignored[i]), 0);
  puts("ok");
  return 0;
}
