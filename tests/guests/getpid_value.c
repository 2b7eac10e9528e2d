// policy: default
// stdout: pid 42
// stdout: ok

/* getpid under the default policy answers 42 (what wasi-libc's libwasi-emulated-getpid answers), declared by
 * <unistd.h> without wasi-libc's deprecation (guests build with -Werror). */
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  pid_t pid = getpid();
  printf("pid %d\n", (int)pid);
  CHECK_INT(pid, 42);
  CHECK_INT(getpid(), pid);
  puts("ok");
  return 0;
}
