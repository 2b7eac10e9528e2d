// policy: default
// stdout: ok

/* setsid: EPERM, as POSIX says for a process group leader; the session stays the process's own. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  errno = 0;
  CHECK_INT(setsid(), -1);
  CHECK_INT(errno, EPERM);
  CHECK_INT(getsid(0), getpid());
  puts("ok");
  return 0;
}
