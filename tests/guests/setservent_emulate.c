// policy: default
// stdout: ok

/* setservent rewinds getservent to the first entry. */
#include <netdb.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  CHECK_STR(getservent()->s_name, "ftp");
  CHECK_STR(getservent()->s_name, "ssh");
  setservent(1);
  CHECK_STR(getservent()->s_name, "ftp");
  puts("ok");
  return 0;
}
