// policy: strict
// target: wasm32-wasip1 (the preview 2 base implements gai_strerror over wasi:sockets, left alone there: recvfrom_emulate_loopback.c runs it)
// stdout: ok

/* gai_strerror under the strict policy: returns "Unknown error" with errno ENOSYS. */
#include <errno.h>
#include <netdb.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  errno = 0;
  CHECK_STR(gai_strerror(EAI_NONAME), "Unknown error");
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
