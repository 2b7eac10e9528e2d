// policy: strict
// stdout: ok

/* ctermid under the strict policy: returns "" with errno ENOSYS. */
#include <errno.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  char buf[L_ctermid];
  errno = 0;
  CHECK_STR(ctermid(buf), "");
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
