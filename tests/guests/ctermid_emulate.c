// policy: default
// stdout: ok

/* ctermid names /dev/tty, in the caller's buffer or a static one. */
#include <stdio.h>

#include "guest.h"

int main(void) {
  char buf[L_ctermid];
  CHECK(ctermid(buf) == buf);
  CHECK_STR(buf, "/dev/tty");
  CHECK_STR(ctermid(NULL), "/dev/tty");
  puts("ok");
  return 0;
}
