// policy: default
// stdout: ok

/* _Fork: -1 with ENOSYS, as fork. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  errno = 0;
  CHECK_INT(_Fork(), -1);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
