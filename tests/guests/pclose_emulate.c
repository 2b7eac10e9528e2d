// policy: default
// stdout: ok

/* pclose: -1 with ECHILD (no stream comes from popen), leaving the stream open and usable. */
#include <errno.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  FILE *f = fopen("pclose.txt", "w");
  CHECK(f != NULL);
  errno = 0;
  CHECK_INT(pclose(f), -1);
  CHECK_INT(errno, ECHILD);
  CHECK(fputs("still open\n", f) >= 0);
  CHECK_INT(fclose(f), 0);
  puts("ok");
  return 0;
}
