// policy: default
// stdout: ppid 1
// stdout: ok

/* getppid under the default policy answers 1. */
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  pid_t ppid = getppid();
  printf("ppid %d\n", (int)ppid);
  CHECK_INT(ppid, 1);
  puts("ok");
  return 0;
}
