// policy: default
// stdout: ok

/* mlock and munlock succeed for any range inside memory (wasm memory is never paged out, aligned or
 * not) and fail with ENOMEM past its end. */
#include <errno.h>
#include <stdio.h>
#include <sys/mman.h>

#include "memory_pages.h"

int main(void) {
  unsigned char *p = aligned_page();
  CHECK_INT(mlock(p + 3, 100), 0);
  CHECK_INT(munlock(p + 3, 100), 0);
  errno = 0;
  CHECK_INT(mlock(memory_end(), PAGE), -1);
  CHECK_INT(errno, ENOMEM);
  puts("ok");
  return 0;
}
