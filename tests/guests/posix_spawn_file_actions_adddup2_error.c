// policy: strict
// stdout: ok

/* posix_spawn_file_actions_adddup2 under the strict policy: returns ENOSYS and leaves errno alone. */
#include <errno.h>
#include <stdio.h>
#include <spawn.h>
#include <signal.h>
#include <string.h>

#include "guest.h"

int main(void) {
  posix_spawn_file_actions_t fa;
  posix_spawnattr_t attr;
  short flags = 0;
  pid_t pgroup = 0;
  sigset_t set;
  memset(&fa, 0, sizeof fa);
  memset(&attr, 0, sizeof attr);
  sigemptyset(&set);
  (void)flags, (void)pgroup;
  errno = EDOM;
  CHECK_INT(posix_spawn_file_actions_adddup2(&fa, 1, 2), ENOSYS);
  CHECK_INT(errno, EDOM);
  puts("ok");
  return 0;
}
