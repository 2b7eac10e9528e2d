// policy: process-trap.toml
// exit: 134
// stdout: before
// stderr-contains: wasi-shim: fork trapped: policy
// stderr-contains: process-trap.toml says this function must never be called

/* fork under a policy that makes it trap: one stderr line naming the function and the policy, then
 * abort (exit status 134); nothing after the call runs. */
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  puts("before");
  fflush(stdout);
  pid_t pid = fork();
  fprintf(stderr, "fork returned %d instead of trapping\n", (int)pid);
  return 1;
}
