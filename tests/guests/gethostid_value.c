// policy: default
// stdout: ok

/* gethostid answers the default policy's host id, 0 (what wasi-libc's own gethostid answers). */
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  CHECK_INT(gethostid(), 0);
  puts("ok");
  return 0;
}
