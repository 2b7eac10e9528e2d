// policy: strict
// stdout: ok

/* getpwuid_r under the strict policy returns ENOSYS, with *result NULL. */
#include <errno.h>
#include <pwd.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  char buf[NSS_BUFLEN_PASSWD];
  struct passwd entry, *result = &entry;
  CHECK_INT(getpwuid_r(0, &entry, buf, sizeof buf, &result), ENOSYS);
  CHECK(result == NULL);
  puts("ok");
  return 0;
}
