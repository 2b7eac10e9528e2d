// policy: strict
// stdout: ok

/* gethostbyaddr under the strict policy: returns NULL with errno ENOSYS and h_errno NO_RECOVERY. */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  struct in_addr a;
  a.s_addr = htonl(INADDR_LOOPBACK);
  h_errno = 0;
  errno = 0;
  CHECK(gethostbyaddr(&a, sizeof a, AF_INET) == NULL);
  CHECK_INT(errno, ENOSYS);
  CHECK_INT(h_errno, NO_RECOVERY);
  puts("ok");
  return 0;
}
