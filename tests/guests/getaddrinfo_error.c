// policy: strict
// target: wasm32-wasip1 (the preview 2 base implements getaddrinfo over wasi:sockets, left alone there: recvfrom_emulate_loopback.c runs it)
// stdout: ok

/* getaddrinfo under the strict policy: returns EAI_SYSTEM with errno ENOSYS. */
#include <errno.h>
#include <netdb.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  struct addrinfo *res = NULL;
  errno = 0;
  CHECK_INT(getaddrinfo("localhost", "80", NULL, &res), EAI_SYSTEM);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
