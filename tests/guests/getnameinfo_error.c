// policy: strict
// target: wasm32-wasip1 (the preview 2 base implements getnameinfo over wasi:sockets, left alone there: recvfrom_emulate_loopback.c runs it)
// stdout: ok

/* getnameinfo under the strict policy: returns EAI_SYSTEM with errno ENOSYS. */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  struct sockaddr_in a = {0};
  char host[64], serv[16];
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  errno = 0;
  CHECK_INT(getnameinfo((struct sockaddr *)&a, sizeof a, host, sizeof host,
                        serv, sizeof serv, 0),
            EAI_SYSTEM);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
