// policy: default
// stdout: ok

/* hstrerror names each h_errno value as glibc does. */
#include <netdb.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  CHECK_STR(hstrerror(HOST_NOT_FOUND), "Unknown host");
  CHECK_STR(hstrerror(TRY_AGAIN), "Host name lookup failure");
  CHECK_STR(hstrerror(NO_RECOVERY), "Unknown server error");
  CHECK_STR(hstrerror(NO_DATA), "No address associated with name");
  CHECK_STR(hstrerror(99), "Unknown resolver error");
  puts("ok");
  return 0;
}
