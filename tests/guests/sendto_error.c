// policy: strict
// target: wasm32-wasip1 (the preview 2 base implements sendto over wasi:sockets, left alone there: recvfrom_emulate_loopback.c runs it)
// stdout: ok

/* sendto under the strict policy: returns -1 with errno ENOSYS. */
#include <errno.h>
#include <stdio.h>
#include <sys/socket.h>

#include "guest.h"

int main(void) {
  char buf[4] = "abc";
  errno = 0;
  CHECK_INT((int)sendto(1, buf, sizeof buf, 0, NULL, 0), -1);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
