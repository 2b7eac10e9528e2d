// policy: default
// stdout: SO_REUSEADDR 2 SO_ERROR 4 SO_SNDBUF 7 SO_RCVBUF 8 SO_KEEPALIVE 9 SO_LINGER 13
// stdout: ok

/* Code that names the socket options compiles on both targets (preview 1's header has SO_TYPE alone; the
 * overlay's <sys/socket.h> adds the rest with musl's values, which preview 2's header has too), and the call
 * gets the policy's answer: on wasm32-wasip1 setsockopt fails (ENOSYS under default), on wasm32-wasip2 the base's
 * own answers, which for a descriptor that is not a socket is an error too. */
#include <errno.h>
#include <stdio.h>
#include <sys/socket.h>

#include "guest.h"

int main(void) {
  printf("SO_REUSEADDR %d SO_ERROR %d SO_SNDBUF %d SO_RCVBUF %d SO_KEEPALIVE "
         "%d SO_LINGER %d\n",
         SO_REUSEADDR, SO_ERROR, SO_SNDBUF, SO_RCVBUF, SO_KEEPALIVE, SO_LINGER);
  int one = 1;
  errno = 0;
  CHECK_INT(setsockopt(1, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one), -1);
#if defined(__wasip2__) || defined(__wasilibc_use_wasip2)
  CHECK(errno != 0); /* the base's: stdout is no socket */
#else
  CHECK_INT(errno, ENOSYS);
#endif
  int error = -1;
  socklen_t length = sizeof error;
  CHECK_INT(getsockopt(1, SOL_SOCKET, SO_ERROR, &error, &length), -1);
  puts("ok");
  return 0;
}
