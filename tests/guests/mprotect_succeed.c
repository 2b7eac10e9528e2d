// policy: memory-succeed.toml
// stdout: ok

/* mprotect under a policy choosing `succeed`: any protection reports success, and the memory stays
 * writable (the loss the catalog names). */
#include <stdio.h>
#include <sys/mman.h>

#include "memory_pages.h"

int main(void) {
  unsigned char *p = aligned_page();
  CHECK_INT(mprotect(p, PAGE, PROT_NONE), 0);
  CHECK_INT(mprotect(p, PAGE, PROT_READ), 0);
  p[0] = 7;
  CHECK_INT(p[0], 7);
  puts("ok");
  return 0;
}
