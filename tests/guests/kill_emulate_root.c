// policy: root.toml
// stdout: ok

/* Root may probe the processes the sandbox reports (init, the parent): kill(pid, 0) is 0, never ESRCH,
 * so kill agrees with getppid. A real signal to them is still EPERM: they are out of the sandbox's reach. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  CHECK_INT(geteuid(), 0);
  CHECK_INT(kill(getppid(), 0), 0);
  CHECK_INT(kill(1, 0), 0);
  CHECK_INT(killpg(1, 0), 0);
  errno = 0;
  CHECK(kill(1, SIGTERM) == -1 && errno == EPERM);
  errno = 0;
  CHECK(kill(4242, 0) == -1 && errno == ESRCH);
  puts("ok");
  return 0;
}
