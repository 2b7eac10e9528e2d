// policy: getuid_trap.toml
// exit: 134
// stdout: before
// stderr-contains: wasi-shim: getuid trapped: policy
// stderr-contains: getuid_trap.toml says this function must never be called

/* getuid under a policy that makes it trap: one stderr line naming the function and the policy, then
 * abort (exit status 134, as wasmtime reports a trap); nothing after the call runs. */
#include <stdio.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  puts("before");
  fflush(stdout);
  uid_t uid = getuid();
  fprintf(stderr, "getuid returned %u instead of trapping\n", (unsigned)uid);
  return 1;
}
