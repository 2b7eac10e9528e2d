// policy: default
// stdout: ok

/* ftrylockfile always acquires the lock: no other thread exists to hold it. */
#include <stdio.h>

#include "guest.h"

int main(void) {
  CHECK_INT(ftrylockfile(stderr), 0);
  funlockfile(stderr);
  puts("ok");
  return 0;
}
