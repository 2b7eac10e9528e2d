// policy: default
// stdout: ok

/* madvise: advice is accepted (and ignored) for aligned ranges inside memory; MADV_DONTNEED
 * zero-fills as Linux does for anonymous memory; unknown advice or an unaligned address is EINVAL,
 * a range past the memory's end ENOMEM. */
#define _GNU_SOURCE 1
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include "memory_pages.h"

int main(void) {
  unsigned char *p = aligned_page();
  memset(p, 0xab, PAGE);
  CHECK_INT(madvise(p, PAGE, MADV_WILLNEED), 0);
  CHECK_INT(madvise(p, PAGE, MADV_SEQUENTIAL), 0);
  CHECK_INT(p[100], 0xab);
  CHECK_INT(madvise(p, PAGE, MADV_DONTNEED), 0);
  CHECK_INT(p[0], 0);
  CHECK_INT(p[PAGE - 1], 0);
  errno = 0;
  CHECK_INT(madvise(p, PAGE, 999), -1);
  CHECK_INT(errno, EINVAL);
  errno = 0;
  CHECK_INT(madvise(p + 8, PAGE, MADV_NORMAL), -1);
  CHECK_INT(errno, EINVAL);
  errno = 0;
  CHECK_INT(madvise(memory_end(), PAGE, MADV_NORMAL), -1);
  CHECK_INT(errno, ENOMEM);
  puts("ok");
  return 0;
}
