// policy: strict
// stdout: ok

/* inet_ntoa under the strict policy: returns NULL with errno ENOSYS. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  struct in_addr a;
  a.s_addr = htonl(INADDR_LOOPBACK);
  errno = 0;
  CHECK(inet_ntoa(a) == NULL);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
