// policy: default
// stdout: ok

/* getprotobyname: ip 0, icmp 1, tcp 6, udp 17, names or aliases; NULL when unknown. */
#include <netdb.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  CHECK_INT(getprotobyname("ip")->p_proto, 0);
  CHECK_INT(getprotobyname("icmp")->p_proto, 1);
  struct protoent *p = getprotobyname("tcp");
  CHECK(p != NULL);
  CHECK_STR(p->p_name, "tcp");
  CHECK_INT(p->p_proto, 6);
  CHECK_STR(p->p_aliases[0], "TCP");
  CHECK_INT(getprotobyname("UDP")->p_proto, 17);
  CHECK(getprotobyname("sctp") == NULL);
  puts("ok");
  return 0;
}
