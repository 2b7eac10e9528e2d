// policy: default
// stdout: ok

/* setpgrp: setpgid(0, 0), which succeeds since the process already leads its group. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  CHECK_INT(setpgrp(), 0);
  CHECK_INT(getpgrp(), getpid());
  puts("ok");
  return 0;
}
