// policy: default
// stdout: ok

/* msync: 0 for an aligned range inside memory with MS_ASYNC or MS_SYNC (mmap's emulation never needs
 * writing back); EINVAL for an unaligned address or bad flags, ENOMEM past the end of memory. */
#define _GNU_SOURCE 1
#include <errno.h>
#include <stdio.h>
#include <sys/mman.h>

#include "memory_pages.h"

int main(void) {
  unsigned char *p = aligned_page();
  CHECK_INT(msync(p, PAGE, MS_SYNC), 0);
  CHECK_INT(msync(p, PAGE, MS_ASYNC | MS_INVALIDATE), 0);
  errno = 0;
  CHECK_INT(msync(p + 1, PAGE, MS_SYNC), -1);
  CHECK_INT(errno, EINVAL);
  errno = 0;
  CHECK_INT(msync(p, PAGE, MS_SYNC | MS_ASYNC), -1);
  CHECK_INT(errno, EINVAL);
  errno = 0;
  CHECK_INT(msync(p, PAGE, 0x100), -1);
  CHECK_INT(errno, EINVAL);
  errno = 0;
  CHECK_INT(msync(memory_end(), PAGE, MS_SYNC), -1);
  CHECK_INT(errno, ENOMEM);
  puts("ok");
  return 0;
}
