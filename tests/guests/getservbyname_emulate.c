// policy: default
// stdout: ok

/* getservbyname answers from the built-in table, port in network byte order; aliases and a NULL
 * protocol work; unknown names and protocols are NULL. */
#include <arpa/inet.h>
#include <netdb.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  struct servent *s = getservbyname("http", "tcp");
  CHECK(s != NULL);
  CHECK_STR(s->s_name, "http");
  CHECK_INT(ntohs((uint16_t)s->s_port), 80);
  CHECK_STR(s->s_proto, "tcp");
  CHECK_STR(s->s_aliases[0], "www");
  CHECK_INT(ntohs((uint16_t)getservbyname("www", NULL)->s_port), 80);
  CHECK_INT(ntohs((uint16_t)getservbyname("https", "tcp")->s_port), 443);
  CHECK_INT(ntohs((uint16_t)getservbyname("ssh", NULL)->s_port), 22);
  CHECK_INT(ntohs((uint16_t)getservbyname("ftp", "tcp")->s_port), 21);
  CHECK_INT(ntohs((uint16_t)getservbyname("smtp", "tcp")->s_port), 25);
  CHECK_STR(getservbyname("domain", "udp")->s_proto, "udp");
  CHECK(getservbyname("http", "udp") == NULL);
  CHECK(getservbyname("gopher", NULL) == NULL);
  puts("ok");
  return 0;
}
