// policy: strict
// stdout: ok

/* pclose under the strict policy: -1 with ENOSYS; the stream stays open. */
#include <errno.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  FILE *f = fopen("pclose.txt", "w");
  CHECK(f != NULL);
  errno = 0;
  CHECK_INT(pclose(f), -1);
  CHECK_INT(errno, ENOSYS);
  CHECK_INT(fclose(f), 0);
  puts("ok");
  return 0;
}
