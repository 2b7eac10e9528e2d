// policy: default
// stdout: ok

/* recvfrom under the default policy: on preview 1, recv with the address length set to 0; on preview 2, the
 * base's own. On either, a descriptor that is no socket fails as recv fails on it, and a closed one with EBADF,
 * and a failure leaves *addrlen alone. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  char buf[8];
  struct sockaddr_storage from;
  socklen_t fromlen = sizeof from;
  errno = 0;
  CHECK_INT(
      (int)recvfrom(-1, buf, sizeof buf, 0, (struct sockaddr *)&from, &fromlen),
      -1);
  CHECK_INT(errno, EBADF);
  CHECK_INT((int)fromlen, (int)sizeof from);

  int fd = open("file", O_CREAT | O_RDWR, 0644);
  CHECK(fd >= 0);
  errno = 0;
  CHECK_INT((int)recv(fd, buf, sizeof buf, 0), -1);
  int recv_errno = errno;
  CHECK(recv_errno != 0);
  errno = 0;
  CHECK_INT(
      (int)recvfrom(fd, buf, sizeof buf, 0, (struct sockaddr *)&from, &fromlen),
      -1);
  CHECK_INT(errno, recv_errno);
  CHECK_INT((int)fromlen, (int)sizeof from);
  close(fd);
  puts("ok");
  return 0;
}
