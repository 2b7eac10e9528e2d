// policy: default
// stdout: ok

/* getprotobynumber: 0 ip, 1 icmp, 6 tcp, 17 udp; NULL when unknown. */
#include <netdb.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  CHECK_STR(getprotobynumber(0)->p_name, "ip");
  CHECK_STR(getprotobynumber(1)->p_name, "icmp");
  CHECK_STR(getprotobynumber(6)->p_name, "tcp");
  CHECK_STR(getprotobynumber(17)->p_name, "udp");
  CHECK(getprotobynumber(132) == NULL);
  puts("ok");
  return 0;
}
