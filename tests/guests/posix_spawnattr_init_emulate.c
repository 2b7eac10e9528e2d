// policy: default
// stdout: ok

/* posix_spawnattr_init: no flags, process group 0, empty signal sets. */
#include <errno.h>
#include <stdio.h>
#include <spawn.h>
#include <signal.h>
#include <string.h>

#include "guest.h"

int main(void) {
  posix_spawnattr_t attr;
  memset(&attr, 0xff, sizeof attr);
  CHECK_INT(posix_spawnattr_init(&attr), 0);
  short flags = -1;
  pid_t pgroup = -1;
  sigset_t set;
  CHECK_INT(posix_spawnattr_getflags(&attr, &flags), 0);
  CHECK_INT(flags, 0);
  CHECK_INT(posix_spawnattr_getpgroup(&attr, &pgroup), 0);
  CHECK_INT(pgroup, 0);
  CHECK_INT(posix_spawnattr_getsigmask(&attr, &set), 0);
  CHECK_INT(sigismember(&set, SIGINT), 0);
  CHECK_INT(posix_spawnattr_destroy(&attr), 0);
  puts("ok");
  return 0;
}
