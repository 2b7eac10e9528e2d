// policy: default
// stdout: locked write
// stdout: ok

/* flockfile, ftrylockfile and funlockfile around stdio calls, as Lua's liolib does: the single
 * thread always gets the lock, nested locking included, and the stream works inside it. */
#include <stdio.h>

#include "guest.h"

int main(void) {
  flockfile(stdout);
  CHECK_INT(ftrylockfile(stdout), 0);
  fputs("locked write\n", stdout);
  funlockfile(stdout);
  funlockfile(stdout);
  puts("ok");
  return 0;
}
