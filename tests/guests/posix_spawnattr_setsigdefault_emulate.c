// policy: default
// stdout: ok

/* posix_spawnattr_setsigdefault: the set round-trips exactly (SIGINT and SIGTERM in, SIGHUP out). */
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
  sigaddset(&in, SIGTERM);
  sigfillset(&out);
  CHECK_INT(posix_spawnattr_setsigdefault(&attr, &in), 0);
  CHECK_INT(posix_spawnattr_getsigdefault(&attr, &out), 0);
  CHECK_INT(sigismember(&out, SIGINT), 1);
  CHECK_INT(sigismember(&out, SIGTERM), 1);
  CHECK_INT(sigismember(&out, SIGHUP), 0);
  CHECK_INT(posix_spawnattr_destroy(&attr), 0);
  puts("ok");
  return 0;
}
