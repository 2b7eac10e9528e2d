// policy: default
// target: wasm32-wasip2 (preview 1 cannot create sockets; on preview 2 the base's are real, and left alone)
// wasi: inherit-network
// wasi: allow-ip-name-lookup
// stdout: resolved localhost
// stdout: connected
// stdout: client -> server: ping (address length 0)
// stdout: server -> client: pong
// stdout: ok

/* The socket calls the preview 2 base implements over wasi:sockets, which the overlay leaves alone (their
 * catalog rows' base_real): a TCP listener on the loopback, a client connected to it, one message each way
 * through sendto and recvfrom. */
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  struct addrinfo hints = {.ai_family = AF_INET,
                           .ai_socktype = SOCK_STREAM,
                           .ai_flags = AI_NUMERICHOST};
  struct addrinfo *res = NULL;
  CHECK_INT(getaddrinfo("127.0.0.1", "0", &hints, &res), 0);
  CHECK(res != NULL && res->ai_family == AF_INET);
  puts("resolved localhost");

  int server = socket(AF_INET, SOCK_STREAM, 0);
  CHECK(server >= 0);
  int one = 1;
  CHECK_INT(setsockopt(server, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one), 0);
  CHECK_INT(bind(server, res->ai_addr, res->ai_addrlen), 0);
  freeaddrinfo(res);
  CHECK_INT(listen(server, 1), 0);
  struct sockaddr_in bound;
  socklen_t bound_len = sizeof bound;
  CHECK_INT(getsockname(server, (struct sockaddr *)&bound, &bound_len), 0);
  CHECK(ntohs(bound.sin_port) != 0);

  int client = socket(AF_INET, SOCK_STREAM, 0);
  CHECK(client >= 0);
  CHECK_INT(connect(client, (struct sockaddr *)&bound, bound_len), 0);
  int accepted = accept(server, NULL, NULL);
  CHECK(accepted >= 0);
  struct sockaddr_in peer;
  socklen_t peer_len = sizeof peer;
  CHECK_INT(getpeername(client, (struct sockaddr *)&peer, &peer_len), 0);
  CHECK_INT((int)peer.sin_port, (int)bound.sin_port);
  puts("connected");

  /* A destination on a connected stream: POSIX lets it be ignored or refused with EISCONN. wasi-libc's
   * preview 2 refused it in 2024 (Debian trixie) and ignores it on upstream main, as Linux does. */
  struct sockaddr_in elsewhere = bound;
  elsewhere.sin_port = htons(9);
  errno = 0;
  ssize_t sent = sendto(client, "ping", 4, 0, (struct sockaddr *)&elsewhere,
                        sizeof elsewhere);
  CHECK(sent == 4 || (sent == -1 && errno == EISCONN));
  if (sent == -1)
    CHECK_INT((int)sendto(client, "ping", 4, 0, NULL, 0), 4);
  char buf[16] = {0};
  struct sockaddr_storage from;
  socklen_t from_len = sizeof from;
  /* The same for an address to fill on a stream: trixie's refuses with EISCONN, upstream main's reports
   * length 0, as Linux does. */
  errno = 0;
  ssize_t received = recvfrom(accepted, buf, sizeof buf - 1, 0,
                              (struct sockaddr *)&from, &from_len);
  CHECK(received == 4 || (received == -1 && errno == EISCONN));
  if (received == -1) {
    CHECK_INT((int)recvfrom(accepted, buf, sizeof buf - 1, 0, NULL, NULL), 4);
    from_len = 0;
  }
  printf("client -> server: %s (address length %d)\n", buf, (int)from_len);
  CHECK_INT((int)sendto(accepted, "pong", 4, 0, NULL, 0), 4);
  memset(buf, 0, sizeof buf);
  CHECK_INT((int)recvfrom(client, buf, sizeof buf - 1, 0, NULL, NULL), 4);
  printf("server -> client: %s\n", buf);
  close(client);
  close(accepted);
  close(server);
  puts("ok");
  return 0;
}
