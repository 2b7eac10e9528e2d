// policy: strict
// target: wasm32-wasip1 (the preview 2 base implements listen over wasi:sockets, left alone there: recvfrom_emulate_loopback.c runs it)
// stdout: ok

/* listen under the strict policy: returns -1 with errno ENOSYS. */
#include <errno.h>
#include <stdio.h>
#include <sys/socket.h>

#include "guest.h"

int main(void) {
  errno = 0;
  CHECK_INT(listen(3, 5), -1);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
