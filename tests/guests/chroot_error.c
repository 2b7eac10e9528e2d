// policy: default
// stdout: ok

/* chroot under the default policy: -1 with EPERM, what an unprivileged caller gets on POSIX (and no
 * identity can change a WASI program's root). */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  errno = 0;
  CHECK_INT(chroot("."), -1);
  CHECK_INT(errno, EPERM);
  puts("ok");
  return 0;
}
