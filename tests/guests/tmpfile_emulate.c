// policy: default
// env: TMPDIR=.
// stdout: ok

/* tmpfile opens a new file "w+" in $TMPDIR and unlinks it at once: it reads back what was written
 * and leaves nothing behind in the directory. */
#include <dirent.h>
#include <stdio.h>
#include <string.h>

#include "guest.h"

static int entries(void) {
  DIR *d = opendir(".");
  CHECK(d != NULL);
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)))
    if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
      n++;
  closedir(d);
  return n;
}

int main(void) {
  FILE *f = tmpfile();
  CHECK(f != NULL);
  CHECK_INT(entries(), 0);
  CHECK(fputs("scratch", f) >= 0);
  rewind(f);
  char buf[16] = {0};
  CHECK(fgets(buf, sizeof buf, f) != NULL);
  CHECK_STR(buf, "scratch");
  CHECK_INT(fclose(f), 0);
  CHECK_INT(entries(), 0);
  puts("ok");
  return 0;
}
