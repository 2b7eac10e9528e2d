// policy: default
// stdout: ok

/* cuserid answers the default policy user, "wasi", in the caller's buffer or a static one. */
#include <stdio.h>

#include "guest.h"

int main(void) {
  char buf[L_cuserid];
  CHECK(cuserid(buf) == buf);
  CHECK_STR(buf, "wasi");
  CHECK_STR(cuserid(NULL), "wasi");
  puts("ok");
  return 0;
}
