// policy: default
// stdout: ok

/* umask remembers the mask and returns the previous one, starting at 022; bits beyond 0777 are dropped. */
#include <stdio.h>
#include <sys/stat.h>

#include "guest.h"

int main(void) {
  CHECK_INT(umask(077), 022);
  CHECK_INT(umask(0), 077);
  CHECK_INT(umask(07777), 0);
  CHECK_INT(umask(022), 0777);
  puts("ok");
  return 0;
}
