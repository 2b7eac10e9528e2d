// policy: default
// stdout: ok

/* gethostbyaddr names a loopback address after this host; other addresses are HOST_NOT_FOUND. */
#include <arpa/inet.h>
#include <netdb.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  struct in_addr a;
  a.s_addr = htonl(INADDR_LOOPBACK);
  struct hostent *h = gethostbyaddr(&a, sizeof a, AF_INET);
  CHECK(h != NULL);
  CHECK_STR(h->h_name, "localhost");
  CHECK_INT(h->h_addrtype, AF_INET);
  a.s_addr = inet_addr("192.0.2.1");
  h_errno = 0;
  CHECK(gethostbyaddr(&a, sizeof a, AF_INET) == NULL);
  CHECK_INT(h_errno, HOST_NOT_FOUND);
  puts("ok");
  return 0;
}
