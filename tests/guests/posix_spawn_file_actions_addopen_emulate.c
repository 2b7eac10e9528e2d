// policy: default
// stdout: ok

/* posix_spawn_file_actions_addopen: records the action; a negative fd is EBADF. */
#include <errno.h>
#include <stdio.h>
#include <spawn.h>
#include <fcntl.h>

#include "guest.h"

int main(void) {
  posix_spawn_file_actions_t fa;
  CHECK_INT(posix_spawn_file_actions_init(&fa), 0);
  CHECK_INT(posix_spawn_file_actions_addopen(&fa, 1, "out.txt",
                                             O_WRONLY | O_CREAT, 0644),
            0);
  CHECK(fa.__actions != NULL);
  CHECK_INT(posix_spawn_file_actions_addopen(&fa, -1, "out.txt", O_RDONLY, 0),
            EBADF);
  CHECK_INT(posix_spawn_file_actions_destroy(&fa), 0);
  puts("ok");
  return 0;
}
