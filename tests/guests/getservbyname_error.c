// policy: strict
// stdout: ok

/* getservbyname under the strict policy: returns NULL with errno ENOSYS. */
#include <errno.h>
#include <netdb.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  errno = 0;
  CHECK(getservbyname("http", "tcp") == NULL);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
