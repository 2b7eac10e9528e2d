// policy: default
// stdout: ok

/* mkstemp under a directory the runtime did not preopen fails with the errno open() gives
 * (ENOENT), and leaves the template as it was. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "guest.h"

int main(void) {
  char t[] = "/nowhere/guestXXXXXX";
  errno = 0;
  CHECK_INT(mkstemp(t), -1);
  CHECK_INT(errno, ENOENT);
  CHECK_STR(t, "/nowhere/guestXXXXXX");
  puts("ok");
  return 0;
}
