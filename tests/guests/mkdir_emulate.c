// policy: default
// stdout: ok

/* mkdir: a directory it creates reports the mode asked for less the umask; an existing one is EEXIST. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  umask(022);
  CHECK_INT(mkdir("made", 0777), 0);
  struct stat st;
  CHECK_INT(stat("made", &st), 0);
  CHECK_INT(st.st_mode & 07777, 0755);
  CHECK(S_ISDIR(st.st_mode));
  CHECK_INT(mkdir("private-dir", 0700), 0);
  CHECK_INT(stat("private-dir", &st), 0);
  CHECK_INT(st.st_mode & 07777, 0700);
  errno = 0;
  CHECK_INT(mkdir("made", 0700), -1);
  CHECK_INT(errno, EEXIST);
  puts("ok");
  return 0;
}
