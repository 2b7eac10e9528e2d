// policy: default
// stdout: ok

/* getpgid: 0 and getpid() name this process, whose group id is its pid; any other pid is ESRCH. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  CHECK_INT(getpgid(0), getpid());
  CHECK_INT(getpgid(getpid()), getpid());
  errno = 0;
  CHECK_INT(getpgid(getpid() + 1), -1);
  CHECK_INT(errno, ESRCH);
  puts("ok");
  return 0;
}
