// policy: resources-root.toml
// stdout: ok

/* chown as root succeeds for any ids, but ownership is not recorded: stat keeps reporting 0:0; a
 * missing path is still ENOENT. */
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "modes_files.h"

int main(void) {
  make_files();
  CHECK_INT(chown("file", 1234, 5678), 0);
  struct stat st;
  CHECK_INT(stat("file", &st), 0);
  CHECK_INT(st.st_uid, 0);
  errno = 0;
  CHECK_INT(chown("missing", 1, 1), -1);
  CHECK_INT(errno, ENOENT);
  puts("ok");
  return 0;
}
