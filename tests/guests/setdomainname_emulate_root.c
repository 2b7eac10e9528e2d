// policy: hostnames-root.toml
// stdout: ok

/* setdomainname as root changes the domain getdomainname answers. */
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  char buf[64];
  CHECK_INT(setdomainname("corp.example", 12), 0);
  CHECK_INT(getdomainname(buf, sizeof buf), 0);
  CHECK_STR(buf, "corp.example");
  puts("ok");
  return 0;
}
