// policy: default
// stdout: owner 1000:1000 getuid 7
// stdout: ok

/* A program that defines its own getuid (as many ports' stub files do) still links and keeps its own
 * answer: the stat wrappers read the identity from common.c, so calling stat does not pull wasi-shim's
 * getuid into the link (which would be a duplicate symbol). Files still appear owned by the policy's 1000:1000. */
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "guest.h"

uid_t getuid(void) { return 7; }

int main(void) {
  struct stat st;
  CHECK_INT(stat(".", &st), 0);
  printf("owner %u:%u getuid %u\n", (unsigned)st.st_uid, (unsigned)st.st_gid,
         (unsigned)getuid());
  CHECK_INT(st.st_uid, 1000);
  CHECK_INT(st.st_gid, 1000);
  CHECK_INT(getuid(), 7);
  puts("ok");
  return 0;
}
