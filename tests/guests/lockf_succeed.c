// policy: descriptors-succeed.toml
// stdout: ok

/* lockf under succeed: 0 without any check, even for a descriptor that is not open. */
#include <errno.h>
#include <stdio.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  CHECK_INT(lockf(99, F_LOCK, 0), 0);
  CHECK_INT(lockf(1, 42, 0), 0);
  puts("ok");
  return 0;
}
