// policy: default
// stdout: getgid 1000
// stdout: ok

/* getgid answers the default policy's identity (1000), the same on every call. */
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  gid_t id = getgid();
  printf("getgid %u\n", (unsigned)id);
  CHECK_INT(id, 1000);
  CHECK_INT(getgid(), id);
  puts("ok");
  return 0;
}
