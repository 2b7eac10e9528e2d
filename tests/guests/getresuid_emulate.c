// policy: default
// stdout: ok

/* getresuid answers the default identity (1000) for the real, effective and saved ids. */
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  uid_t r = 0, e = 0, s = 0;
  CHECK_INT(getresuid(&r, &e, &s), 0);
  CHECK_INT(r, 1000);
  CHECK_INT(e, 1000);
  CHECK_INT(s, 1000);
  puts("ok");
  return 0;
}
