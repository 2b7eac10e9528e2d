// policy: default
// stdout: ok

/* gethostbyname knows the host's own name and localhost (127.0.0.1) and dotted numbers; any other
 * name is NULL with h_errno HOST_NOT_FOUND. */
#include <arpa/inet.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>

#include "guest.h"

static void check_loopback(const struct hostent *h) {
  CHECK(h != NULL);
  CHECK_INT(h->h_addrtype, AF_INET);
  CHECK_INT(h->h_length, 4);
  CHECK(h->h_addr_list[0] != NULL);
  CHECK(h->h_addr_list[1] == NULL);
  struct in_addr a;
  memcpy(&a, h->h_addr_list[0], sizeof a);
  CHECK_INT(ntohl(a.s_addr), INADDR_LOOPBACK);
}

int main(void) {
  struct hostent *h = gethostbyname("localhost");
  check_loopback(h);
  CHECK_STR(h->h_name, "localhost");
  check_loopback(gethostbyname("LocalHost."));
  h = gethostbyname("10.1.2.3");
  CHECK(h != NULL);
  CHECK_STR(h->h_name, "10.1.2.3");
  CHECK_STR(inet_ntoa(*(struct in_addr *)h->h_addr), "10.1.2.3");
  h_errno = 0;
  CHECK(gethostbyname("example.com") == NULL);
  CHECK_INT(h_errno, HOST_NOT_FOUND);
  puts("ok");
  return 0;
}
