// policy: default
// stdout: ok

/* mkstemp creates a new file where the template points, with its XXXXXX replaced, opened for
 * reading and writing; two calls give two files; a template without six X is EINVAL. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  char a[] = "./guestXXXXXX", b[] = "./guestXXXXXX";
  int fa = mkstemp(a);
  CHECK(fa >= 0);
  CHECK(strncmp(a, "./guest", 7) == 0 && strlen(a) == 13);
  CHECK(strchr(a + 7, 'X') == NULL || strcmp(a + 7, "XXXXXX") != 0);
  CHECK_INT(write(fa, "hello", 5), 5);
  CHECK_INT(lseek(fa, 0, SEEK_SET), 0);
  char buf[8] = {0};
  CHECK_INT(read(fa, buf, sizeof buf), 5);
  CHECK_STR(buf, "hello");
  int fb = mkstemp(b);
  CHECK(fb >= 0);
  CHECK(strcmp(a, b) != 0);
  struct stat st;
  CHECK_INT(stat(a, &st), 0);
  CHECK(S_ISREG(st.st_mode));
  CHECK_INT(st.st_size, 5);
  char bad[] = "./guestXXXXX";
  errno = 0;
  CHECK_INT(mkstemp(bad), -1);
  CHECK_INT(errno, EINVAL);
  puts("ok");
  return 0;
}
