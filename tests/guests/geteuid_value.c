// policy: default
// stdout: geteuid 1000
// stdout: ok

/* geteuid answers the default policy's identity (1000), the same on every call. */
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  uid_t id = geteuid();
  printf("geteuid %u\n", (unsigned)id);
  CHECK_INT(id, 1000);
  CHECK_INT(geteuid(), id);
  puts("ok");
  return 0;
}
