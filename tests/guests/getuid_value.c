// policy: default
// stdout: getuid 1000
// stdout: ok

/* getuid answers the default policy's identity (1000), the same on every call. */
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  uid_t id = getuid();
  printf("getuid %u\n", (unsigned)id);
  CHECK_INT(id, 1000);
  CHECK_INT(getuid(), id);
  puts("ok");
  return 0;
}
