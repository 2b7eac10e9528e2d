// policy: default
// stdout: owner 1000:1000
// stdout: ok

/* stat of the preopened directory "." under the default policy: wasi-libc says 0:0, the wrapper reports
 * the identity, 1000:1000, matching getuid and getgid; a directory nobody chmodded reports 0755 where wasi-libc
 * says 0; everything else is the base's answer. */
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  struct stat st;
  CHECK_INT(stat(".", &st), 0);
  printf("owner %u:%u\n", (unsigned)st.st_uid, (unsigned)st.st_gid);
  CHECK_INT(st.st_uid, 1000);
  CHECK_INT(st.st_gid, 1000);
  CHECK_INT(st.st_uid, getuid());
  CHECK(S_ISDIR(st.st_mode));
  /* WASI reports no permission bits; the wrapper gives a never-chmodded directory 0755. */
  CHECK_INT(st.st_mode & 07777, 0755);
  CHECK_INT(stat("missing", &st), -1);
  CHECK_INT(errno, ENOENT);
  puts("ok");
  return 0;
}
