// policy: strict
// stdout: ok

/* msync under the strict policy: -1 with errno ENOSYS. */
#define _GNU_SOURCE 1
#include <errno.h>
#include <stdio.h>
#include <sys/mman.h>

#include "memory_pages.h"

int main(void) {
  errno = 0;
  CHECK_INT(msync(aligned_page(), PAGE, MS_SYNC), -1);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
