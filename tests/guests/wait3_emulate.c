// policy: default
// stdout: ok

/* wait3: ECHILD (no children), usage left alone. */
#include <errno.h>
#include <stdio.h>
#include <sys/wait.h>
#include <sys/resource.h>

#include "guest.h"

int main(void) {
  int status = 0;
  struct rusage usage;
  errno = 0;
  CHECK_INT(wait3(&status, WNOHANG, &usage), -1);
  CHECK_INT(errno, ECHILD);
  errno = 0;
  CHECK_INT(wait3(&status, 0, NULL), -1);
  CHECK_INT(errno, ECHILD);
  puts("ok");
  return 0;
}
