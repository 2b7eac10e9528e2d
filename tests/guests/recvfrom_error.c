// policy: strict
// target: wasm32-wasip1 (the preview 2 base implements recvfrom over wasi:sockets, left alone there: recvfrom_emulate_loopback.c runs it)
// stdout: ok

/* recvfrom under the strict policy: returns -1 with errno ENOSYS. */
#include <errno.h>
#include <stdio.h>
#include <sys/socket.h>

#include "guest.h"

int main(void) {
  char buf[4] = "abc";
  errno = 0;
  socklen_t len = 16;
  CHECK_INT((int)recvfrom(0, buf, sizeof buf, 0, NULL, &len), -1);
  CHECK_INT(errno, ENOSYS);
  CHECK_INT((int)len, 16);
  puts("ok");
  return 0;
}
