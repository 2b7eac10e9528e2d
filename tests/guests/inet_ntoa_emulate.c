// policy: default
// stdout: ok

/* inet_ntoa writes dotted decimal into a static buffer. */
#include <arpa/inet.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  struct in_addr a;
  a.s_addr = htonl(0xc0a80114);
  CHECK_STR(inet_ntoa(a), "192.168.1.20");
  a.s_addr = htonl(INADDR_LOOPBACK);
  CHECK_STR(inet_ntoa(a), "127.0.0.1");
  a.s_addr = 0xffffffff;
  CHECK_STR(inet_ntoa(a), "255.255.255.255");
  puts("ok");
  return 0;
}
