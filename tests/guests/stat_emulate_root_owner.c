// policy: root.toml
// stdout: owner 0:0
// stdout: ok

/* The stat family under a root identity (root.toml) leaves wasi-libc's owner 0:0 as it is. */
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  struct stat st;
  CHECK_INT(stat(".", &st), 0);
  printf("owner %u:%u\n", (unsigned)st.st_uid, (unsigned)st.st_gid);
  CHECK(st.st_uid == 0 && st.st_gid == 0);
  CHECK_INT(lstat(".", &st), 0);
  CHECK(st.st_uid == 0 && st.st_gid == 0);
  CHECK_INT(fstatat(AT_FDCWD, ".", &st, 0), 0);
  CHECK(st.st_uid == 0 && st.st_gid == 0);
  puts("ok");
  return 0;
}
