// policy: default
// target: wasm32-wasip1 (the preview 2 base implements freeaddrinfo over wasi:sockets, left alone there: recvfrom_emulate_loopback.c runs it)
// stdout: ok

/* freeaddrinfo frees a whole list, again and again, without leaking into a failure. */
#include <netdb.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  for (int i = 0; i < 1000; i++) {
    struct addrinfo *res = NULL;
    CHECK_INT(getaddrinfo("127.0.0.1", "9000", NULL, &res), 0);
    CHECK(res != NULL && res->ai_next != NULL);
    freeaddrinfo(res);
  }
  puts("ok");
  return 0;
}
