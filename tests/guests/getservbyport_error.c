// policy: strict
// stdout: ok

/* getservbyport under the strict policy: returns NULL with errno ENOSYS. */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  errno = 0;
  CHECK(getservbyport(htons(80), "tcp") == NULL);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
