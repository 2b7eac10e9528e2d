// policy: default
// stdout: ok

/* socketpair under the default policy fails the same way (WASI preview 1 has no such call): returns -1 with errno ENOSYS. */
#include <errno.h>
#include <stdio.h>
#include <sys/socket.h>

#include "guest.h"

int main(void) {
  int sv[2];
  errno = 0;
  CHECK_INT(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), -1);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
