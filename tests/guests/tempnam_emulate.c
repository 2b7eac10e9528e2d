// policy: default
// env: TMPDIR=.
// stdout: ok

/* tempnam returns a malloc'd name in $TMPDIR (ahead of dir, as in glibc) with at most 5 bytes of
 * the prefix, or "file" without one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "guest.h"

int main(void) {
  char *a = tempnam("/elsewhere", "abcdefgh");
  CHECK(a != NULL);
  CHECK(strncmp(a, "./abcde", 7) == 0 && strlen(a) == 13);
  char *b = tempnam(NULL, NULL);
  CHECK(b != NULL);
  CHECK(strncmp(b, "./file", 6) == 0 && strlen(b) == 12);
  FILE *f = fopen(a, "wx");
  CHECK(f != NULL);
  fclose(f);
  free(a);
  free(b);
  CHECK_STR(P_tmpdir, "/tmp");
  puts("ok");
  return 0;
}
