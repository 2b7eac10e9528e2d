// policy: strict
// stdout: ok

/* mlock under the strict policy: -1 with errno ENOSYS. */
#define _GNU_SOURCE 1
#include <errno.h>
#include <stdio.h>
#include <sys/mman.h>

#include "memory_pages.h"

int main(void) {
  unsigned char *p = aligned_page();
  (void)p;
  errno = 0;
  CHECK_INT(mlock(p, PAGE), -1);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
