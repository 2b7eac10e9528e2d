// policy: default
// stdout: ok

/* posix_spawnattr_setpgroup: stores the group getpgroup returns. */
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
  pid_t pgroup = 0;
  CHECK_INT(posix_spawnattr_setpgroup(&attr, 77), 0);
  CHECK_INT(posix_spawnattr_getpgroup(&attr, &pgroup), 0);
  CHECK_INT(pgroup, 77);
  CHECK_INT(posix_spawnattr_destroy(&attr), 0);
  puts("ok");
  return 0;
}
