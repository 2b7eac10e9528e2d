// policy: default
// stdout: ok

/* fork: -1 with ENOSYS, and the caller simply continues (there is no child). */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  errno = 0;
  CHECK_INT(fork(), -1);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
