// policy: wasix
// stdout: 1 66600 55500

/* The ids under wasix, each overridable from its WASIX_* variable. Run alone it prints the policy's
 * values; tests/reliability.rs runs it with malformed and out-of-range overrides and expects exactly
 * what crate::valid::parse_env_number accepts, so the C and the Rust rule cannot drift apart. */
#include <stdio.h>
#include <unistd.h>

int main(void) {
  printf("%u %d %d\n", (unsigned)getuid(), (int)getpid(), (int)getppid());
  return 0;
}
