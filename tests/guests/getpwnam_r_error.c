// policy: strict
// stdout: ok

/* getpwnam_r under the strict policy returns ENOSYS, with *result NULL. */
#include <errno.h>
#include <pwd.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  char buf[NSS_BUFLEN_PASSWD];
  struct passwd entry, *result = &entry;
  CHECK_INT(getpwnam_r("root", &entry, buf, sizeof buf, &result), ENOSYS);
  CHECK(result == NULL);
  puts("ok");
  return 0;
}
