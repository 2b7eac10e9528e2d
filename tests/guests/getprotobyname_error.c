// policy: strict
// stdout: ok

/* getprotobyname under the strict policy: returns NULL with errno ENOSYS. */
#include <errno.h>
#include <netdb.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  errno = 0;
  CHECK(getprotobyname("tcp") == NULL);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
