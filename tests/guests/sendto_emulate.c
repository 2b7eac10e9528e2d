// policy: default
// stdout: ok

/* sendto under the default policy: on preview 1, send with the destination ignored; on preview 2, the base's
 * own. On either, a descriptor that is no socket fails as send fails on it (the address given changes nothing),
 * and a closed one with EBADF. */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  struct sockaddr_in to;
  memset(&to, 0, sizeof to);
  to.sin_family = AF_INET;
  to.sin_port = htons(9);
  to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  errno = 0;
  CHECK_INT((int)sendto(-1, "x", 1, 0, (struct sockaddr *)&to, sizeof to), -1);
  CHECK_INT(errno, EBADF);

  int fd = open("file", O_CREAT | O_RDWR, 0644);
  CHECK(fd >= 0);
  errno = 0;
  CHECK_INT((int)send(fd, "x", 1, 0), -1);
  int send_errno = errno;
  CHECK(send_errno != 0);
  errno = 0;
  CHECK_INT((int)sendto(fd, "x", 1, 0, (struct sockaddr *)&to, sizeof to), -1);
  CHECK_INT(errno, send_errno);
  errno = 0;
  CHECK_INT((int)sendto(fd, "x", 1, 0, NULL, 0), -1);
  CHECK_INT(errno, send_errno);
  close(fd);
  puts("ok");
  return 0;
}
