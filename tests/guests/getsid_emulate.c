// policy: default
// stdout: ok

/* getsid: the process leads its own session, whose id is its pid; any other pid is ESRCH. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  CHECK_INT(getsid(0), getpid());
  CHECK_INT(getsid(getpid()), getpid());
  errno = 0;
  CHECK_INT(getsid(getpid() + 1), -1);
  CHECK_INT(errno, ESRCH);
  puts("ok");
  return 0;
}
