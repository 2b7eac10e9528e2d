// policy: default
// stdout: ok

/* mkstemps keeps a suffix after the six X; a suffix longer than the template is EINVAL. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "guest.h"

int main(void) {
  char t[] = "./dataXXXXXX.json";
  int fd = mkstemps(t, 5);
  CHECK(fd >= 0);
  CHECK(strncmp(t, "./data", 6) == 0);
  CHECK(strncmp(t + 6, "XXXXXX", 6) != 0);
  CHECK_STR(t + 12, ".json");
  struct stat st;
  CHECK_INT(stat(t, &st), 0);
  char bad[] = "./dataXXXXXX.json";
  errno = 0;
  CHECK_INT(mkstemps(bad, 4), -1);
  CHECK_INT(errno, EINVAL);
  puts("ok");
  return 0;
}
