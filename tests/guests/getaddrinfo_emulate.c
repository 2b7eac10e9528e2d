// policy: default
// target: wasm32-wasip1 (the preview 2 base implements getaddrinfo over wasi:sockets, left alone there: recvfrom_emulate_loopback.c runs it)
// stdout: ok

/* getaddrinfo: localhost and the host's name are the loopback address, numeric addresses and
 * services convert, service names come from the built-in table, one result per socket type unless
 * hints pick one; unknown names are EAI_NONAME. */
#include <arpa/inet.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>

#include "guest.h"

static void check_v4(const struct addrinfo *ai, const char *addr, int port) {
  CHECK(ai != NULL);
  CHECK_INT(ai->ai_family, AF_INET);
  CHECK_INT(ai->ai_addrlen, sizeof(struct sockaddr_in));
  const struct sockaddr_in *in = (const struct sockaddr_in *)ai->ai_addr;
  CHECK_INT(in->sin_family, AF_INET);
  CHECK_STR(inet_ntoa(in->sin_addr), addr);
  CHECK_INT(ntohs(in->sin_port), port);
}

int main(void) {
  struct addrinfo *res = NULL;
  CHECK_INT(getaddrinfo("localhost", "http", NULL, &res), 0);
  check_v4(res, "127.0.0.1", 80);
  CHECK_INT(res->ai_socktype, SOCK_STREAM);
  CHECK_INT(res->ai_protocol, IPPROTO_TCP);
  CHECK(res->ai_next == NULL); /* http is tcp only */
  freeaddrinfo(res);

  struct addrinfo hints;
  memset(&hints, 0, sizeof hints);
  hints.ai_family = AF_INET;
  hints.ai_flags = AI_CANONNAME;
  CHECK_INT(getaddrinfo("localhost", "8080", &hints, &res), 0);
  check_v4(res, "127.0.0.1", 8080);
  CHECK_STR(res->ai_canonname, "localhost");
  CHECK(res->ai_next != NULL);
  CHECK_INT(res->ai_next->ai_socktype, SOCK_DGRAM);
  check_v4(res->ai_next, "127.0.0.1", 8080);
  freeaddrinfo(res);

  hints.ai_flags = AI_PASSIVE;
  hints.ai_socktype = SOCK_DGRAM;
  CHECK_INT(getaddrinfo(NULL, "53", &hints, &res), 0);
  check_v4(res, "0.0.0.0", 53);
  CHECK(res->ai_next == NULL);
  freeaddrinfo(res);

  CHECK_INT(getaddrinfo("192.0.2.7", NULL, NULL, &res), 0);
  check_v4(res, "192.0.2.7", 0);
  freeaddrinfo(res);

  memset(&hints, 0, sizeof hints);
  hints.ai_family = AF_INET6;
  CHECK_INT(getaddrinfo("localhost", "22", &hints, &res), 0);
  CHECK_INT(res->ai_family, AF_INET6);
  CHECK(memcmp(&((struct sockaddr_in6 *)res->ai_addr)->sin6_addr,
               &in6addr_loopback, sizeof in6addr_loopback) == 0);
  freeaddrinfo(res);

  CHECK_INT(getaddrinfo("example.com", "80", NULL, &res), EAI_NONAME);
  CHECK_INT(getaddrinfo("localhost", "no-such-service", NULL, &res),
            EAI_SERVICE);
  CHECK_INT(getaddrinfo(NULL, NULL, NULL, &res), EAI_NONAME);
  puts("ok");
  return 0;
}
