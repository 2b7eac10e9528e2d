// policy: default
// stdout: ok

/* getservent walks the built-in table (ftp first) to NULL; setservent rewinds. */
#include <netdb.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  struct servent *s = getservent();
  CHECK(s != NULL);
  CHECK_STR(s->s_name, "ftp");
  int n = 1;
  while (getservent())
    n++;
  CHECK(n >= 6);
  CHECK(getservent() == NULL);
  setservent(0);
  CHECK_STR(getservent()->s_name, "ftp");
  endservent();
  puts("ok");
  return 0;
}
