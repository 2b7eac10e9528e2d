// policy: strict
// stdout: ok

/* pthread_sigmask under strict: returns ENOSYS itself, as the pthread functions report errors. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "guest.h"

int main(void) {
  sigset_t set;
  memset(&set, 0, sizeof set);
  CHECK_INT(pthread_sigmask(SIG_BLOCK, &set, NULL), ENOSYS);
  puts("ok");
  return 0;
}
