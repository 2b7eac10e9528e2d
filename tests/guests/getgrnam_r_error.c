// policy: strict
// stdout: ok

/* getgrnam_r under the strict policy returns ENOSYS, with *result NULL. */
#include <errno.h>
#include <grp.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  char buf[NSS_BUFLEN_GROUP];
  struct group entry, *result = &entry;
  CHECK_INT(getgrnam_r("root", &entry, buf, sizeof buf, &result), ENOSYS);
  CHECK(result == NULL);
  puts("ok");
  return 0;
}
