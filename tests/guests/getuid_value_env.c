// policy: wasix
// env: WASIX_UID=4242
// stdout: uid 4242 euid 1 gid 100
// stdout: ok

/* getuid under the wasix policy with WASIX_UID=4242 in the environment: getuid answers 4242, the ids
 * without an override keep wasix's values, and files appear owned by the overridden uid. */
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  printf("uid %u euid %u gid %u\n", (unsigned)getuid(), (unsigned)geteuid(),
         (unsigned)getgid());
  CHECK_INT(getuid(), 4242);
  CHECK_INT(geteuid(), 1);
  CHECK_INT(getgid(), 100);
  CHECK_INT(getegid(), 100);
  struct stat st;
  CHECK_INT(stat(".", &st), 0);
  CHECK_INT(st.st_uid, 4242);
  CHECK_INT(st.st_gid, 100);
  puts("ok");
  return 0;
}
