// policy: default
// target: wasm32-wasip1 (the preview 2 base implements gai_strerror over wasi:sockets, left alone there: recvfrom_emulate_loopback.c runs it)
// stdout: ok

/* gai_strerror gives glibc's texts, and "Unknown error" for codes it does not know. */
#include <netdb.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  CHECK_STR(gai_strerror(EAI_NONAME), "Name or service not known");
  CHECK_STR(gai_strerror(EAI_SERVICE),
            "Servname not supported for ai_socktype");
  CHECK_STR(gai_strerror(EAI_SYSTEM), "System error");
  CHECK_STR(gai_strerror(12345), "Unknown error");
  puts("ok");
  return 0;
}
