// policy: default
// stdout: ok

/* popen: NULL with ENOSYS, for reading and for writing. */
#include <errno.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  errno = 0;
  CHECK_INT(popen("ls", "r"), NULL);
  CHECK_INT(errno, ENOSYS);
  errno = 0;
  CHECK_INT(popen("cat", "w"), NULL);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
