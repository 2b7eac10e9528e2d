// policy: default
// stdout: ok

/* dup: -1 with ENOSYS (WASI cannot duplicate a descriptor); the descriptor stays usable. */
#include <errno.h>
#include <stdio.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  errno = 0;
  CHECK_INT(dup(1), -1);
  CHECK_INT(errno, ENOSYS);
  CHECK(fcntl(1, F_GETFL) != -1);
  puts("ok");
  return 0;
}
