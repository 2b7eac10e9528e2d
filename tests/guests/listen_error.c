// policy: strict
// stdout: ok

/* listen under the strict policy: returns -1 with errno ENOSYS. */
#include <errno.h>
#include <stdio.h>
#include <sys/socket.h>

#include "guest.h"

int main(void) {
  errno = 0;
  CHECK_INT(listen(3, 5), -1);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
