// policy: default
// stdout: ok

/* lchown looks at the link itself: a dangling link with its own ids succeeds; other ids are EPERM. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "modes_files.h"

int main(void) {
  make_files();
  unlink("file");
  CHECK_INT(lchown("link", 1000, 1000), 0);
  errno = 0;
  CHECK_INT(lchown("link", 0, 0), -1);
  CHECK_INT(errno, EPERM);
  errno = 0;
  CHECK_INT(lchown("missing", 1000, 1000), -1);
  CHECK_INT(errno, ENOENT);
  puts("ok");
  return 0;
}
