// policy: default
// stdout: ok

/* fchmodat checks the path relative to the directory descriptor (AT_SYMLINK_NOFOLLOW looks at the
 * link itself) and succeeds, and fstatat reports the mode; a missing path is ENOENT, an unknown flag EINVAL. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "modes_files.h"

int main(void) {
  make_files();
  int dir = open(".", O_RDONLY | O_DIRECTORY);
  CHECK(dir >= 0);
  CHECK_INT(fchmodat(dir, "file", 0604, 0), 0);
  struct stat st;
  CHECK_INT(fstatat(dir, "file", &st, 0), 0);
  CHECK_INT(st.st_mode & 07777, 0604);
  CHECK_INT(fchmodat(AT_FDCWD, "link", 0600, AT_SYMLINK_NOFOLLOW), 0);
  unlink("file");
  errno = 0;
  CHECK_INT(fchmodat(dir, "link", 0600, 0),
            -1); /* dangling: the target is gone */
  CHECK_INT(errno, ENOENT);
  CHECK_INT(fchmodat(dir, "link", 0600, AT_SYMLINK_NOFOLLOW), 0);
  errno = 0;
  CHECK_INT(fchmodat(dir, "link", 0600, 0x4000), -1);
  CHECK_INT(errno, EINVAL);
  puts("ok");
  return 0;
}
