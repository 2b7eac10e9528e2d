// policy: strict
// target: wasm32-wasip1 (the preview 2 base implements setsockopt over wasi:sockets, left alone there: recvfrom_emulate_loopback.c runs it)
// stdout: ok

/* setsockopt under the strict policy: returns -1 with errno ENOSYS. */
#include <errno.h>
#include <stdio.h>
#include <sys/socket.h>

#include "guest.h"

int main(void) {
  int one = 1;
  errno = 0;
  CHECK_INT(setsockopt(3, SOL_SOCKET, SO_TYPE, &one, sizeof one), -1);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
