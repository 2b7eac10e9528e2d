// policy: default
// env: HOME=/srv/app
// env: USER=svc
// stdout: HOME=/srv/app
// stdout: USER=svc
// stdout: LOGNAME=wasi
// stdout: ok

/* A value the runtime passed is never overridden: only what is missing is filled in. */
#include <stdio.h>
#include <stdlib.h>

int main(void) {
  printf("HOME=%s\nUSER=%s\nLOGNAME=%s\n", getenv("HOME"), getenv("USER"),
         getenv("LOGNAME"));
  puts("ok");
  return 0;
}
