// policy: strict
// stdout: ok

/* posix_madvise under the strict policy: returns ENOSYS (the error number, not -1). */
#include <errno.h>
#include <stdio.h>
#include <sys/mman.h>

#include "memory_pages.h"

int main(void) {
  CHECK_INT(posix_madvise(aligned_page(), PAGE, POSIX_MADV_NORMAL), ENOSYS);
  puts("ok");
  return 0;
}
