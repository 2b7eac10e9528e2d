// policy: tempfiles-tmpdir.toml
// env: TMPDIR=/not-preopened
// stdout: ok

/* The policy's [paths] tmpdir wins over $TMPDIR for tmpfile, tmpnam and tempnam. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "guest.h"

int main(void) {
  FILE *f = tmpfile();
  CHECK(f != NULL);
  CHECK_INT(fclose(f), 0);
  char buf[L_tmpnam];
  CHECK(tmpnam(buf) != NULL);
  CHECK(strncmp(buf, "./tmpnam_", 9) == 0);
  char *s = tempnam("/elsewhere", "x");
  CHECK(s != NULL);
  CHECK(strncmp(s, "./x", 3) == 0);
  free(s);
  puts("ok");
  return 0;
}
