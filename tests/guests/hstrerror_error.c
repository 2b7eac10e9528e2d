// policy: strict
// stdout: ok

/* hstrerror under the strict policy: returns "Unknown resolver error" with errno ENOSYS. */
#include <errno.h>
#include <netdb.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  errno = 0;
  CHECK_STR(hstrerror(HOST_NOT_FOUND), "Unknown resolver error");
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
