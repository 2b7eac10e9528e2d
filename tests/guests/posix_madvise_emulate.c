// policy: default
// stdout: ok

/* posix_madvise returns 0 for valid advice (POSIX_MADV_DONTNEED discards nothing), and the error
 * number itself (not -1) for bad advice or an unaligned address, leaving errno alone. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include "memory_pages.h"

int main(void) {
  unsigned char *p = aligned_page();
  memset(p, 0xab, PAGE);
  CHECK_INT(posix_madvise(p, PAGE, POSIX_MADV_SEQUENTIAL), 0);
  CHECK_INT(posix_madvise(p, PAGE, POSIX_MADV_DONTNEED), 0);
  CHECK_INT(p[0], 0xab);
  errno = 0;
  CHECK_INT(posix_madvise(p, PAGE, 77), EINVAL);
  CHECK_INT(posix_madvise(p + 1, PAGE, POSIX_MADV_NORMAL), EINVAL);
  CHECK_INT(posix_madvise(memory_end(), PAGE, POSIX_MADV_NORMAL), ENOMEM);
  CHECK_INT(errno, 0);
  puts("ok");
  return 0;
}
