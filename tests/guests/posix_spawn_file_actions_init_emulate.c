// policy: default
// stdout: ok

/* posix_spawn_file_actions_init: an empty list, which posix_spawn_file_actions_destroy accepts. */
#include <errno.h>
#include <stdio.h>
#include <spawn.h>

#include "guest.h"

int main(void) {
  posix_spawn_file_actions_t fa;
  CHECK_INT(posix_spawn_file_actions_init(&fa), 0);
  CHECK(fa.__actions == NULL);
  CHECK_INT(posix_spawn_file_actions_destroy(&fa), 0);
  puts("ok");
  return 0;
}
