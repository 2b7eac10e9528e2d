// policy: default
// stdout: ok

/* lstat of the preopened directory "." under the default policy reports the owner 1000:1000. */
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  struct stat st;
  CHECK_INT(lstat(".", &st), 0);
  CHECK_INT(st.st_uid, 1000);
  CHECK_INT(st.st_gid, 1000);
  CHECK(S_ISDIR(st.st_mode));
  CHECK_INT(lstat("missing", &st), -1);
  CHECK_INT(errno, ENOENT);
  puts("ok");
  return 0;
}
