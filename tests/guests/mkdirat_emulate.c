// policy: default
// stdout: ok

/* mkdirat: a directory it creates relative to a directory descriptor reports the mode asked for less the umask. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  umask(027);
  int dir = open(".", O_RDONLY | O_DIRECTORY);
  CHECK(dir >= 0);
  CHECK_INT(mkdirat(dir, "made-at", 0777), 0);
  struct stat st;
  CHECK_INT(fstatat(dir, "made-at", &st, 0), 0);
  CHECK_INT(st.st_mode & 07777, 0750);
  puts("ok");
  return 0;
}
