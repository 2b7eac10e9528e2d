// policy: strict
// target: wasm32-wasip1 (the preview 2 base implements freeaddrinfo over wasi:sockets, left alone there: recvfrom_emulate_loopback.c runs it)
// stdout: ok

/* freeaddrinfo under the strict policy: does nothing but set errno to ENOSYS. */
#include <errno.h>
#include <netdb.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  errno = 0;
  freeaddrinfo(NULL);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
