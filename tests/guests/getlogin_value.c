// policy: default
// stdout: login wasi
// stdout: ok

/* getlogin answers the default policy user, "wasi". */
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  char *name = getlogin();
  CHECK_STR(name, "wasi");
  printf("login %s\n", name);
  puts("ok");
  return 0;
}
