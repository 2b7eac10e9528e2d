// policy: hostnames-root.toml
// stdout: ok

/* gethostbyname resolves the policy's host name ("box") to 127.0.0.1, with alias localhost, and
 * follows a sethostname. */
#include <arpa/inet.h>
#include <netdb.h>
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  struct hostent *h = gethostbyname("box");
  CHECK(h != NULL);
  CHECK_STR(h->h_name, "box");
  CHECK_STR(h->h_aliases[0], "localhost");
  CHECK_STR(inet_ntoa(*(struct in_addr *)h->h_addr), "127.0.0.1");
  CHECK_INT(sethostname("renamed", 7), 0);
  CHECK(gethostbyname("renamed") != NULL);
  CHECK(gethostbyname("box") == NULL);
  CHECK_INT(h_errno, HOST_NOT_FOUND);
  puts("ok");
  return 0;
}
