// policy: strict
// stdout: ok

/* Stress under strict (the user database fails with ENOSYS): null pointers and tiny buffers give the
 * policy's errno with *result NULL, never a write at address 0; the prologue answers first. */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  struct passwd pwd, *pr = &pwd;
  struct group grp, *gr = &grp;
  char buf[4];
  CHECK_INT(getpwnam_r("root", &pwd, buf, sizeof buf, NULL), ENOSYS);
  CHECK_INT(getpwnam_r("root", NULL, NULL, 0, &pr), ENOSYS);
  CHECK(pr == NULL);
  CHECK_INT(getpwuid_r(0, &pwd, buf, 0, &pr), ENOSYS);
  CHECK(pr == NULL);
  CHECK_INT(getgrgid_r(0, &grp, buf, sizeof buf, NULL), ENOSYS);
  CHECK_INT(getgrnam_r("root", NULL, buf, 1, &gr), ENOSYS);
  CHECK(gr == NULL);
  puts("ok");
  return 0;
}
