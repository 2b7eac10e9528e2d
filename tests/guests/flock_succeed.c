// policy: descriptors-succeed.toml
// stdout: ok

/* flock under succeed: 0 without any check, even for a descriptor that is not open. */
#include <errno.h>
#include <stdio.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sys/file.h>

#include "guest.h"

int main(void) {
  CHECK_INT(flock(99, LOCK_EX), 0);
  CHECK_INT(flock(1, 12345), 0);
  puts("ok");
  return 0;
}
