// policy: default
// stdout: ok

/* lchmod looks at the link itself: a dangling link succeeds and lstat reports the mode, a missing one is ENOENT. */
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "modes_files.h"

int main(void) {
  make_files();
  unlink("file");
  CHECK_INT(lchmod("link", 0600), 0);
  struct stat st;
  CHECK_INT(lstat("link", &st), 0);
  CHECK_INT(st.st_mode & 07777, 0600);
  CHECK(S_ISLNK(st.st_mode));
  errno = 0;
  CHECK_INT(lchmod("missing", 0600), -1);
  CHECK_INT(errno, ENOENT);
  puts("ok");
  return 0;
}
