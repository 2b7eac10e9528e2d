// policy: default
// stdout: ok

/* mprotect: PROT_READ|PROT_WRITE (what wasm memory always is) succeeds; read-only, PROT_NONE and
 * PROT_EXEC are ENOTSUP; an unaligned address or unknown bit is EINVAL; past the memory's end ENOMEM. */
#include <errno.h>
#include <stdio.h>
#include <sys/mman.h>

#include "memory_pages.h"

int main(void) {
  unsigned char *p = aligned_page();
  CHECK_INT(mprotect(p, PAGE, PROT_READ | PROT_WRITE), 0);
  const int unsupported[] = {PROT_READ, PROT_NONE, PROT_READ | PROT_EXEC,
                             PROT_READ | PROT_WRITE | PROT_EXEC};
  for (unsigned i = 0; i < sizeof unsupported / sizeof unsupported[0]; i++) {
    errno = 0;
    CHECK_INT(mprotect(p, PAGE, unsupported[i]), -1);
    CHECK_INT(errno, ENOTSUP);
  }
  errno = 0;
  CHECK_INT(mprotect(p + 1, PAGE, PROT_READ | PROT_WRITE), -1);
  CHECK_INT(errno, EINVAL);
  errno = 0;
  CHECK_INT(mprotect(p, PAGE, 0x100), -1);
  CHECK_INT(errno, EINVAL);
  errno = 0;
  CHECK_INT(mprotect(memory_end(), PAGE, PROT_READ | PROT_WRITE), -1);
  CHECK_INT(errno, ENOMEM);
  p[0] = 1; /* still writable */
  puts("ok");
  return 0;
}
