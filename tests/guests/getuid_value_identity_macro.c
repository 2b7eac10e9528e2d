// policy: uid4242.toml
// stdout: getuid 4242
// stdout: ok

/* [identity] uid is one fact: getuid, geteuid, getpwuid, getpwnam and the owner stat reports all
 * answer 4242, the policy user, because each reads WS_IDENTITY_UID. */
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  printf("getuid %u\n", (unsigned)getuid());
  CHECK_INT(getuid(), 4242);
  CHECK_INT(geteuid(), 4242);
  struct passwd *pw = getpwuid(4242);
  CHECK(pw != NULL);
  CHECK_STR(pw->pw_name, "porter");
  CHECK_STR(pw->pw_dir, "/home/porter");
  pw = getpwnam("porter");
  CHECK(pw != NULL);
  CHECK_INT(pw->pw_uid, 4242);
  int fd = open("owned", O_CREAT | O_WRONLY, 0644);
  CHECK(fd >= 0);
  struct stat st;
  CHECK_INT(fstat(fd, &st), 0);
  CHECK_INT(st.st_uid, 4242);
  close(fd);
  puts("ok");
  return 0;
}
