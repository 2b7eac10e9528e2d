// policy: default
// stdout: ok

/* posix_spawn_file_actions_adddup2: records the action; a negative fd on either side is EBADF. */
#include <errno.h>
#include <stdio.h>
#include <spawn.h>

#include "guest.h"

int main(void) {
  posix_spawn_file_actions_t fa;
  CHECK_INT(posix_spawn_file_actions_init(&fa), 0);
  CHECK_INT(posix_spawn_file_actions_adddup2(&fa, 1, 2), 0);
  CHECK(fa.__actions != NULL);
  CHECK_INT(posix_spawn_file_actions_adddup2(&fa, -1, 2), EBADF);
  CHECK_INT(posix_spawn_file_actions_adddup2(&fa, 1, -1), EBADF);
  CHECK_INT(posix_spawn_file_actions_destroy(&fa), 0);
  puts("ok");
  return 0;
}
