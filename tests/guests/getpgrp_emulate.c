// policy: default
// stdout: ok

/* getpgrp: the process leads its own group, whose id is its pid. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  CHECK_INT(getpgrp(), getpid());
  CHECK_INT(getpgrp(), 42);
  puts("ok");
  return 0;
}
