// policy: default
// target: wasm32-wasip1 (the preview 2 base implements getnameinfo over wasi:sockets, left alone there: recvfrom_emulate_loopback.c runs it)
// stdout: ok

/* getnameinfo: a loopback address is this host ("localhost"), others are numeric (EAI_NONAME with
 * NI_NAMEREQD); ports are named from the built-in table unless NI_NUMERICSERV. */
#include <arpa/inet.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>

#include "guest.h"

int main(void) {
  struct sockaddr_in a;
  memset(&a, 0, sizeof a);
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(443);
  char host[NI_MAXHOST], serv[NI_MAXSERV];
  CHECK_INT(getnameinfo((struct sockaddr *)&a, sizeof a, host, sizeof host,
                        serv, sizeof serv, 0),
            0);
  CHECK_STR(host, "localhost");
  CHECK_STR(serv, "https");
  CHECK_INT(getnameinfo((struct sockaddr *)&a, sizeof a, host, sizeof host,
                        serv, sizeof serv, NI_NUMERICHOST | NI_NUMERICSERV),
            0);
  CHECK_STR(host, "127.0.0.1");
  CHECK_STR(serv, "443");
  a.sin_addr.s_addr = inet_addr("198.51.100.4");
  a.sin_port = htons(4444);
  CHECK_INT(getnameinfo((struct sockaddr *)&a, sizeof a, host, sizeof host,
                        serv, sizeof serv, 0),
            0);
  CHECK_STR(host, "198.51.100.4");
  CHECK_STR(serv, "4444");
  CHECK_INT(getnameinfo((struct sockaddr *)&a, sizeof a, host, sizeof host,
                        NULL, 0, NI_NAMEREQD),
            EAI_NONAME);
  CHECK_INT(getnameinfo((struct sockaddr *)&a, sizeof a, host, 4, NULL, 0, 0),
            EAI_OVERFLOW);
  struct sockaddr_in6 b;
  memset(&b, 0, sizeof b);
  b.sin6_family = AF_INET6;
  b.sin6_addr = in6addr_loopback;
  CHECK_INT(getnameinfo((struct sockaddr *)&b, sizeof b, host, sizeof host,
                        NULL, 0, NI_NUMERICHOST),
            0);
  CHECK_STR(host, "::1");
  puts("ok");
  return 0;
}
