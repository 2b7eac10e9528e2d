// policy: default
// stdout: ok

/* getlogin_r copies "wasi" when it fits with its terminator, and returns ERANGE (errno untouched) when it does not. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  char name[64];
  CHECK_INT(getlogin_r(name, sizeof name), 0);
  CHECK_STR(name, "wasi");
  char exact[5];
  CHECK_INT(getlogin_r(exact, sizeof exact), 0);
  CHECK_STR(exact, "wasi");
  char small[4];
  errno = 0;
  CHECK_INT(getlogin_r(small, sizeof small), ERANGE);
  CHECK_INT(errno, 0);
  puts("ok");
  return 0;
}
