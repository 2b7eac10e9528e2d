// policy: default
// target: wasm32-wasip1 (the preview 2 base implements bind over wasi:sockets, left alone there: recvfrom_emulate_loopback.c runs it)
// stdout: ok

/* bind under the default policy fails the same way (WASI preview 1 has no such call): returns -1 with errno ENOSYS. */
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <sys/socket.h>

#include "guest.h"

int main(void) {
  struct sockaddr_in a = {0};
  a.sin_family = AF_INET;
  errno = 0;
  CHECK_INT(bind(3, (struct sockaddr *)&a, sizeof a), -1);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
