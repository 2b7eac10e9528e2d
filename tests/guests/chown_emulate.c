// policy: default
// stdout: ok

/* chown as uid 1000: giving the file the ids it already has (or -1, "unchanged") succeeds; any other
 * owner or group is EPERM, as for an unprivileged user on POSIX; a missing path is ENOENT. */
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "modes_files.h"

int main(void) {
  make_files();
  CHECK_INT(chown("file", 1000, 1000), 0);
  CHECK_INT(chown("file", (uid_t)-1, (gid_t)-1), 0);
  CHECK_INT(chown("file", (uid_t)-1, 1000), 0);
  errno = 0;
  CHECK_INT(chown("file", 0, (gid_t)-1), -1);
  CHECK_INT(errno, EPERM);
  errno = 0;
  CHECK_INT(chown("file", (uid_t)-1, 0), -1);
  CHECK_INT(errno, EPERM);
  errno = 0;
  CHECK_INT(chown("missing", 1000, 1000), -1);
  CHECK_INT(errno, ENOENT);
  struct stat st;
  CHECK_INT(stat("file", &st), 0);
  CHECK_INT(st.st_uid, 1000);
  puts("ok");
  return 0;
}
