// policy: strict
// stdout: ok

/* gethostbyname under the strict policy: returns NULL with errno ENOSYS and h_errno NO_RECOVERY. */
#include <errno.h>
#include <netdb.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  h_errno = 0;
  errno = 0;
  CHECK(gethostbyname("localhost") == NULL);
  CHECK_INT(errno, ENOSYS);
  CHECK_INT(h_errno, NO_RECOVERY);
  puts("ok");
  return 0;
}
