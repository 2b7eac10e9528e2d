// policy: default
// stdout: ok

/* openat: a file it creates relative to a directory descriptor reports the mode asked for less the umask. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  umask(022);
  int dir = open(".", O_RDONLY | O_DIRECTORY);
  CHECK(dir >= 0);
  int fd = openat(dir, "created-at", O_WRONLY | O_CREAT | O_TRUNC, 0640);
  CHECK(fd >= 0);
  close(fd);
  struct stat st;
  CHECK_INT(fstatat(dir, "created-at", &st, 0), 0);
  CHECK_INT(st.st_mode & 07777, 0640);
  puts("ok");
  return 0;
}
