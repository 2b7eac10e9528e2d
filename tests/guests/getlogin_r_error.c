// policy: strict
// stdout: ok

/* getlogin_r under the strict policy returns ENOSYS. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  char name[64];
  CHECK_INT(getlogin_r(name, sizeof name), ENOSYS);
  puts("ok");
  return 0;
}
