// policy: default
// stdout: ok

/* posix_spawnattr_getpgroup: 0 after init, then what setpgroup stored. */
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
  pid_t pgroup = -1;
  CHECK_INT(posix_spawnattr_getpgroup(&attr, &pgroup), 0);
  CHECK_INT(pgroup, 0);
  CHECK_INT(posix_spawnattr_setpgroup(&attr, getpid()), 0);
  CHECK_INT(posix_spawnattr_getpgroup(&attr, &pgroup), 0);
  CHECK_INT(pgroup, getpid());
  CHECK_INT(posix_spawnattr_destroy(&attr), 0);
  puts("ok");
  return 0;
}
