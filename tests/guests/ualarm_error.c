// policy: default
// stdout: ok

/* ualarm fails honestly (the default and strict policies agree): (unsigned)-1 with errno ENOSYS. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  errno = 0;
  CHECK_INT(ualarm(500000, 0), (unsigned)-1);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
