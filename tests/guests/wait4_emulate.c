// policy: default
// stdout: ok

/* wait4: ECHILD (no children) for any pid. */
#include <errno.h>
#include <stdio.h>
#include <sys/wait.h>
#include <sys/resource.h>

#include "guest.h"

int main(void) {
  int status = 0;
  struct rusage usage;
  errno = 0;
  CHECK_INT(wait4(-1, &status, 0, &usage), -1);
  CHECK_INT(errno, ECHILD);
  errno = 0;
  CHECK_INT(wait4(5, &status, WNOHANG, NULL), -1);
  CHECK_INT(errno, ECHILD);
  puts("ok");
  return 0;
}
