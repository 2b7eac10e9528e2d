// policy: default
// stdout: ok

/* mkdtemp creates a new directory from the template and returns the template. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "guest.h"

int main(void) {
  char t[] = "./dirXXXXXX";
  CHECK(mkdtemp(t) == t);
  CHECK(strcmp(t, "./dirXXXXXX") != 0);
  struct stat st;
  CHECK_INT(stat(t, &st), 0);
  CHECK(S_ISDIR(st.st_mode));
  char inner[64];
  snprintf(inner, sizeof inner, "%s/fileXXXXXX", t);
  CHECK(mkstemp(inner) >= 0);
  char bad[] = "./dir";
  errno = 0;
  CHECK(mkdtemp(bad) == NULL);
  CHECK_INT(errno, EINVAL);
  puts("ok");
  return 0;
}
