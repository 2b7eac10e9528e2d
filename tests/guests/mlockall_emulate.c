// policy: default
// stdout: ok

/* mlockall accepts MCL_CURRENT and/or MCL_FUTURE (optionally with MCL_ONFAULT); no flags, MCL_ONFAULT
 * alone or an unknown bit is EINVAL. */
#include <errno.h>
#include <stdio.h>
#include <sys/mman.h>

#include "guest.h"

int main(void) {
  CHECK_INT(mlockall(MCL_CURRENT), 0);
  CHECK_INT(mlockall(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT), 0);
  const int bad[] = {0, MCL_ONFAULT, 0x100};
  for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    errno = 0;
    CHECK_INT(mlockall(bad[i]), -1);
    CHECK_INT(errno, EINVAL);
  }
  puts("ok");
  return 0;
}
