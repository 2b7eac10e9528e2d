// policy: strict
// stdout: ok
// stderr-count: 0 must not appear

/* herror under the strict policy: does nothing but set errno to ENOSYS. */
#include <errno.h>
#include <netdb.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  errno = 0;
  herror("must not appear");
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
