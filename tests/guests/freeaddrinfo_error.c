// policy: strict
// stdout: ok

/* freeaddrinfo under the strict policy: does nothing but set errno to ENOSYS. */
#include <errno.h>
#include <netdb.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  errno = 0;
  freeaddrinfo(NULL);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
