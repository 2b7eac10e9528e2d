// policy: default
// stdout: read back: hello
// stdout: ok

/* funlockfile releases a lock taken around getc_unlocked reads of a real file. */
#include <stdio.h>

#include "guest.h"

int main(void) {
  FILE *f = fopen("data.txt", "w+");
  CHECK(f != NULL);
  fputs("hello", f);
  rewind(f);
  char buf[8] = {0};
  flockfile(f);
  for (int i = 0; i < 5; i++)
    buf[i] = (char)getc_unlocked(f);
  funlockfile(f);
  printf("read back: %s\n", buf);
  fclose(f);
  puts("ok");
  return 0;
}
