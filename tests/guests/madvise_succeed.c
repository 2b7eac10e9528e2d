// policy: memory-succeed.toml
// stdout: ok

/* madvise under a policy choosing `succeed`: success without effect, so MADV_DONTNEED leaves the
 * old contents (the loss the catalog names). */
#define _GNU_SOURCE 1
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include "memory_pages.h"

int main(void) {
  unsigned char *p = aligned_page();
  memset(p, 0xab, PAGE);
  CHECK_INT(madvise(p, PAGE, MADV_DONTNEED), 0);
  CHECK_INT(p[0], 0xab);
  CHECK_INT(madvise(p, PAGE, 999), 0);
  puts("ok");
  return 0;
}
