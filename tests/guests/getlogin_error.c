// policy: strict
// stdout: ok

/* getlogin under the strict policy: NULL with errno ENOSYS. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  errno = 0;
  CHECK(getlogin() == NULL);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
