// policy: default
// stdout: ok
// stderr-contains: lookup: Unknown host
// stderr-count: 1 Unknown host

/* herror prints the message for h_errno after gethostbyname fails, prefixed by its argument. */
#include <netdb.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  CHECK(gethostbyname("nowhere.invalid") == NULL);
  CHECK_INT(h_errno, HOST_NOT_FOUND);
  herror("lookup");
  puts("ok");
  return 0;
}
