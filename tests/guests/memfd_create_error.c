// policy: strict
// stdout: ok

/* memfd_create under the strict policy: -1 with errno ENOSYS. */
#define _GNU_SOURCE 1
#include <errno.h>
#include <stdio.h>
#include <sys/mman.h>

#include "memory_pages.h"

int main(void) {
  errno = 0;
  CHECK_INT(memfd_create("buffer", 0), -1);
  CHECK_INT(errno, ENOSYS);
  puts("ok");
  return 0;
}
