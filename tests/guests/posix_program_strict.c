// policy: strict
// stdout: ok

/* posix_program.c under the strict policy: the same calls fail with ENOSYS, as plain wasi-libc's would. */
#define EXPECT_STRICT 1
#include "posix_program.c"
