// policy: default
// stdout: ok

/* getservbyport takes the port in network byte order; NULL for an unknown port. */
#include <arpa/inet.h>
#include <netdb.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  CHECK_STR(getservbyport(htons(443), "tcp")->s_name, "https");
  CHECK_STR(getservbyport(htons(53), NULL)->s_name, "domain");
  CHECK_STR(getservbyport(htons(22), NULL)->s_name, "ssh");
  CHECK(getservbyport(htons(80), "udp") == NULL);
  CHECK(getservbyport(htons(7777), NULL) == NULL);
  puts("ok");
  return 0;
}
