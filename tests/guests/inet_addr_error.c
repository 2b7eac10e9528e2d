// policy: strict
// stdout: ok

/* inet_addr under the strict policy: returns (in_addr_t)-1 with errno ENOSYS. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  errno = 0;
  CHECK_INT(inet_addr("127.0.0.1"), (in_addr_t)-1);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
