// policy: default
// stdout: ok

/* fchownat: chown's rules relative to a directory descriptor; AT_SYMLINK_NOFOLLOW looks at the link;
 * an unknown flag is EINVAL. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "modes_files.h"

int main(void) {
  make_files();
  int dir = open(".", O_RDONLY | O_DIRECTORY);
  CHECK(dir >= 0);
  CHECK_INT(fchownat(dir, "file", 1000, 1000, 0), 0);
  errno = 0;
  CHECK_INT(fchownat(dir, "file", 0, (gid_t)-1, 0), -1);
  CHECK_INT(errno, EPERM);
  unlink("file");
  errno = 0;
  CHECK_INT(fchownat(dir, "link", 1000, 1000, 0), -1);
  CHECK_INT(errno, ENOENT);
  CHECK_INT(fchownat(dir, "link", 1000, 1000, AT_SYMLINK_NOFOLLOW), 0);
  errno = 0;
  CHECK_INT(fchownat(dir, "link", 1000, 1000, 0x4000), -1);
  CHECK_INT(errno, EINVAL);
  puts("ok");
  return 0;
}
