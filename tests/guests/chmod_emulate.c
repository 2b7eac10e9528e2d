// policy: default
// stdout: ok

/* chmod checks the path and succeeds; WASI has no permission bits, so the mode is remembered and the
 * stat family reports it (file type bits untouched); a new file on the same name does not inherit
 * it; a missing path fails with ENOENT. */
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
#include <time.h>

#include "modes_files.h"

int main(void) {
  make_files();
  struct stat before, after;
  CHECK_INT(stat("file", &before), 0);
  CHECK_INT(chmod("file", 0600), 0);
  CHECK_INT(chmod(".", 0700), 0);
  CHECK_INT(stat("file", &after), 0);
  CHECK_INT(after.st_mode, (before.st_mode & S_IFMT) | 0600);
  CHECK(S_ISREG(after.st_mode));
  CHECK_INT(chmod("file", 04755), 0);
  CHECK_INT(stat("file", &after), 0);
  CHECK_INT(after.st_mode & 07777, 04755);
  CHECK_INT(stat(".", &after), 0);
  CHECK_INT(after.st_mode & 07777, 0700);
  CHECK(S_ISDIR(after.st_mode));
  /* a new file under the same name, perhaps on the same inode, starts with the host's mode */
  struct timespec pause = {0, 20000000};
  nanosleep(&pause, NULL);
  CHECK_INT(unlink("file"), 0);
  FILE *f = fopen("file", "w");
  CHECK(f != NULL);
  fclose(f);
  CHECK_INT(stat("file", &after), 0);
  CHECK_INT(after.st_mode, before.st_mode);
  errno = 0;
  CHECK_INT(chmod("missing", 0600), -1);
  CHECK_INT(errno, ENOENT);
  puts("ok");
  return 0;
}
