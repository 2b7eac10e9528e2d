// policy: default
// stdout: ok

/* wait: a WASI process never has children, so -1 with ECHILD. */
#include <errno.h>
#include <stdio.h>
#include <sys/wait.h>

#include "guest.h"

int main(void) {
  int status = 0;
  errno = 0;
  CHECK_INT(wait(&status), -1);
  CHECK_INT(errno, ECHILD);
  errno = 0;
  CHECK_INT(wait(NULL), -1);
  CHECK_INT(errno, ECHILD);
  puts("ok");
  return 0;
}
