// policy: default
// stdout: getegid 1000
// stdout: ok

/* getegid answers the default policy's identity (1000), the same on every call. */
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  gid_t id = getegid();
  printf("getegid %u\n", (unsigned)id);
  CHECK_INT(id, 1000);
  CHECK_INT(getegid(), id);
  puts("ok");
  return 0;
}
