// policy: default
// stdout: ok

/* fstatat of "." relative to AT_FDCWD and to a directory descriptor, under the default policy, reports 1000:1000. */
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  struct stat st;
  CHECK_INT(fstatat(AT_FDCWD, ".", &st, 0), 0);
  CHECK_INT(st.st_uid, 1000);
  CHECK_INT(st.st_gid, 1000);
  int fd = open(".", O_RDONLY | O_DIRECTORY);
  CHECK(fd >= 0);
  CHECK_INT(fstatat(fd, ".", &st, AT_SYMLINK_NOFOLLOW), 0);
  CHECK_INT(st.st_uid, 1000);
  CHECK_INT(st.st_gid, 1000);
  CHECK_INT(fstatat(fd, "missing", &st, 0), -1);
  CHECK_INT(errno, ENOENT);
  close(fd);
  puts("ok");
  return 0;
}
