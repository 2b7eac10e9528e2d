// policy: default
// stdout: ok

/* posix_spawnattr_setflags: stores POSIX_SPAWN_* flags; an unknown bit is EINVAL and changes nothing. */
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
  short flags = 0;
  CHECK_INT(posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP |
                                                POSIX_SPAWN_SETSIGMASK),
            0);
  CHECK_INT(posix_spawnattr_setflags(&attr, 0x4000), EINVAL);
  CHECK_INT(posix_spawnattr_getflags(&attr, &flags), 0);
  CHECK_INT(flags, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK);
  CHECK_INT(posix_spawnattr_destroy(&attr), 0);
  puts("ok");
  return 0;
}
