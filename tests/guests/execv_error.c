// policy: default
// stdout: ok

/* execv: -1 with ENOSYS, and the program goes on running its own image. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  char *const argv[] = {"sh", "-c", "true", NULL};
  char *const envp[] = {"PATH=/bin", NULL};
  (void)argv, (void)envp;
  errno = 0;
  CHECK_INT(execv("/bin/sh", argv), -1);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
