// policy: default
// stdout: ok

/* posix_spawnattr_setsigmask: the set round-trips exactly (SIGINT and SIGUSR1 in, SIGHUP out). */
#include <errno.h>
#include <stdio.h>
#include <spawn.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  posix_spawnattr_t attr;
  memset(&attr, 0xff, sizeof attr);
  CHECK_INT(posix_spawnattr_init(&attr), 0);
  sigset_t in, out;
  sigemptyset(&in);
  sigaddset(&in, SIGINT);
  sigaddset(&in, SIGUSR1);
  sigfillset(&out);
  CHECK_INT(posix_spawnattr_setsigmask(&attr, &in), 0);
  CHECK_INT(posix_spawnattr_getsigmask(&attr, &out), 0);
  CHECK_INT(sigismember(&out, SIGINT), 1);
  CHECK_INT(sigismember(&out, SIGUSR1), 1);
  CHECK_INT(sigismember(&out, SIGHUP), 0);
  CHECK_INT(posix_spawnattr_destroy(&attr), 0);
  puts("ok");
  return 0;
}
