// policy: default
// stdout: ok

/* setitimer fails honestly (the default and strict policies agree): no timer can interrupt a WASI
 * program, so -1 with errno ENOSYS. */
#include <errno.h>
#include <stdio.h>
#include <sys/time.h>

#include "guest.h"

int main(void) {
  struct itimerval it = {.it_interval = {0, 0}, .it_value = {1, 0}}, old;
  errno = 0;
  CHECK_INT(setitimer(ITIMER_REAL, &it, &old), -1);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
