// policy: default
// stdout: ok

/* endservent ends the walk: the next getservent starts over. */
#include <netdb.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  CHECK_STR(getservent()->s_name, "ftp");
  CHECK_STR(getservent()->s_name, "ssh");
  endservent();
  CHECK_STR(getservent()->s_name, "ftp");
  puts("ok");
  return 0;
}
