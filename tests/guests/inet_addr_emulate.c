// policy: default
// stdout: ok

/* inet_addr converts dotted (and shorthand) IPv4 text to network byte order; INADDR_NONE when invalid. */
#include <arpa/inet.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  CHECK_INT(ntohl(inet_addr("127.0.0.1")), INADDR_LOOPBACK);
  CHECK_INT(ntohl(inet_addr("192.168.1.20")), 0xc0a80114);
  CHECK_INT(ntohl(inet_addr("10.1")), 0x0a000001);
  CHECK_INT(inet_addr("not an address"), INADDR_NONE);
  CHECK_INT(inet_addr("256.1.1.1"), INADDR_NONE);
  puts("ok");
  return 0;
}
