// policy: default
// stdout: ok

/* daemon: -1 with ENOSYS (it would need a fork); the working directory and stdout are left alone. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>
#include <fcntl.h>

#include "guest.h"

int main(void) {
  char before[256], after[256];
  CHECK(getcwd(before, sizeof before) != NULL);
  errno = 0;
  CHECK_INT(daemon(0, 0), -1);
  CHECK_INT(errno, ENOSYS);
  CHECK(getcwd(after, sizeof after) != NULL);
  CHECK_STR(after, before);
  CHECK(fcntl(1, F_GETFL) != -1);
  puts("ok");
  return 0;
}
