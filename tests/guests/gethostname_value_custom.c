// policy: hostnames-root.toml
// stdout: ok

/* The policy's [host] table sets the name, domain and id. */
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  char buf[64];
  CHECK_INT(gethostname(buf, sizeof buf), 0);
  CHECK_STR(buf, "box");
  CHECK_INT(getdomainname(buf, sizeof buf), 0);
  CHECK_STR(buf, "example.org");
  CHECK_INT(gethostid(), 0x12345678);
  puts("ok");
  return 0;
}
