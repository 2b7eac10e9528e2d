// policy: strict
// stdout: ok

/* setservent under the strict policy: does nothing but set errno to ENOSYS. */
#include <errno.h>
#include <netdb.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  errno = 0;
  setservent(0);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
