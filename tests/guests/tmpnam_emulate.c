// policy: default
// env: TMPDIR=.
// stdout: ok

/* tmpnam names a file that does not exist yet, in $TMPDIR, in the caller's buffer or a static one. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "guest.h"

int main(void) {
  char buf[L_tmpnam];
  CHECK(tmpnam(buf) == buf);
  CHECK(strncmp(buf, "./tmpnam_", 9) == 0 && strlen(buf) == 15);
  struct stat st;
  errno = 0;
  CHECK_INT(stat(buf, &st), -1);
  CHECK_INT(errno, ENOENT);
  char *s = tmpnam(NULL);
  CHECK(s != NULL && s != buf);
  CHECK(strcmp(s, buf) != 0);
  FILE *f = fopen(buf, "wx");
  CHECK(f != NULL);
  fclose(f);
  CHECK(TMP_MAX >= 25);
  puts("ok");
  return 0;
}
