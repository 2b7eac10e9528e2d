// policy: default
// stdout: ok

/* fstat of a descriptor for the preopened directory "." under the default policy reports the owner 1000:1000. */
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  struct stat st;
  int fd = open(".", O_RDONLY | O_DIRECTORY);
  CHECK(fd >= 0);
  CHECK_INT(fstat(fd, &st), 0);
  CHECK_INT(st.st_uid, 1000);
  CHECK_INT(st.st_gid, 1000);
  CHECK(S_ISDIR(st.st_mode));
  CHECK_INT(close(fd), 0);
  CHECK_INT(fstat(fd, &st), -1);
  CHECK_INT(errno, EBADF);
  puts("ok");
  return 0;
}
