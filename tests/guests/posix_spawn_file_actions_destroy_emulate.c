// policy: default
// stdout: ok

/* posix_spawn_file_actions_destroy: frees every recorded action (many, to exercise the list). */
#include <errno.h>
#include <stdio.h>
#include <spawn.h>
#include <fcntl.h>

#include "guest.h"

int main(void) {
  posix_spawn_file_actions_t fa;
  CHECK_INT(posix_spawn_file_actions_init(&fa), 0);
  for (int i = 0; i < 100; i++) {
    CHECK_INT(posix_spawn_file_actions_addclose(&fa, i), 0);
    CHECK_INT(posix_spawn_file_actions_addopen(&fa, i, "file", O_RDONLY, 0), 0);
  }
  CHECK(fa.__actions != NULL);
  CHECK_INT(posix_spawn_file_actions_destroy(&fa), 0);
  CHECK(fa.__actions == NULL);
  puts("ok");
  return 0;
}
