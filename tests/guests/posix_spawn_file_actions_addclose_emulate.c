// policy: default
// stdout: ok

/* posix_spawn_file_actions_addclose: records the action; a negative fd is EBADF. */
#include <errno.h>
#include <stdio.h>
#include <spawn.h>

#include "guest.h"

int main(void) {
  posix_spawn_file_actions_t fa;
  CHECK_INT(posix_spawn_file_actions_init(&fa), 0);
  CHECK_INT(posix_spawn_file_actions_addclose(&fa, 3), 0);
  CHECK(fa.__actions != NULL);
  CHECK_INT(posix_spawn_file_actions_addclose(&fa, -2), EBADF);
  CHECK_INT(posix_spawn_file_actions_destroy(&fa), 0);
  puts("ok");
  return 0;
}
