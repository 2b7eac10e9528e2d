// policy: default
// target: wasm32-wasip1 (the preview 2 base implements getpeername over wasi:sockets, left alone there: recvfrom_emulate_loopback.c runs it)
// stdout: ok

/* getpeername under the default policy fails the same way (WASI preview 1 has no such call): returns -1 with errno ENOSYS. */
#include <errno.h>
#include <stdio.h>
#include <sys/socket.h>

#include "guest.h"

int main(void) {
  struct sockaddr_storage a;
  socklen_t len = sizeof a;
  errno = 0;
  CHECK_INT(getpeername(3, (struct sockaddr *)&a, &len), -1);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
