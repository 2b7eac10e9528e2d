// policy: default
// stdout: ok

/* getitimer fails honestly (the default and strict policies agree): -1 with errno ENOSYS. */
#include <errno.h>
#include <stdio.h>
#include <sys/time.h>

#include "guest.h"

int main(void) {
  struct itimerval it;
  errno = 0;
  CHECK_INT(getitimer(ITIMER_VIRTUAL, &it), -1);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
