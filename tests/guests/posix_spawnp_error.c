// policy: default
// stdout: ok

/* posix_spawnp: returns ENOSYS (an error number, as posix_spawn does) and leaves errno and the pid alone. */
#include <errno.h>
#include <stdio.h>
#include <spawn.h>

#include "guest.h"

int main(void) {
  char *const argv[] = {"sh", "-c", "true", NULL};
  pid_t pid = 1234;
  errno = EDOM;
  CHECK_INT(posix_spawnp(&pid, "sh", NULL, NULL, argv, NULL), ENOSYS);
  CHECK_INT(errno, EDOM);
  CHECK_INT(pid, 1234);
  puts("ok");
  return 0;
}
