// policy: default
// stdout: ok

/* waitpid: ECHILD for any pid, WNOHANG included; unknown options are EINVAL. Also <sys/wait.h>'s status macros (musl's encoding). */
#include <errno.h>
#include <stdio.h>
#include <sys/wait.h>

#include "guest.h"

int main(void) {
  int status = 0;
  errno = 0;
  CHECK_INT(waitpid(-1, &status, 0), -1);
  CHECK_INT(errno, ECHILD);
  errno = 0;
  CHECK_INT(waitpid(7, &status, WNOHANG | WUNTRACED), -1);
  CHECK_INT(errno, ECHILD);
  errno = 0;
  CHECK_INT(waitpid(-1, &status, 0x4000), -1);
  CHECK_INT(errno, EINVAL);
  CHECK(WIFEXITED(0x0300) && WEXITSTATUS(0x0300) == 3);
  CHECK(WIFSIGNALED(9) && WTERMSIG(9) == 9 && !WIFEXITED(9));
  CHECK(WIFSTOPPED(0x137f) && WSTOPSIG(0x137f) == 0x13);
  CHECK(WIFCONTINUED(0xffff));
  puts("ok");
  return 0;
}
