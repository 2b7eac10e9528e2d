// policy: getuid_log.toml
// stdout: uid 1000 1000
// stderr-contains: wasi-shim: getuid called (policy
// stderr-contains: getuid_log.toml: value)
// stderr-count: 1 wasi-shim: getuid called
// stdout: ok

/* getuid with log = true: answers as usual and writes one stderr line the first time only (the
 * host test sees the line; the line appears once although getuid runs twice). */
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  uid_t first = getuid();
  uid_t second = getuid();
  printf("uid %u %u\n", (unsigned)first, (unsigned)second);
  CHECK_INT(first, 1000);
  CHECK_INT(second, 1000);
  puts("ok");
  return 0;
}
