// policy: default
// stdout: ok

/* munlock succeeds inside memory, locked before or not, and fails with ENOMEM past its end. */
#include <errno.h>
#include <stdio.h>
#include <sys/mman.h>

#include "memory_pages.h"

int main(void) {
  unsigned char *p = aligned_page();
  CHECK_INT(munlock(p, PAGE), 0);
  errno = 0;
  CHECK_INT(munlock((unsigned char *)memory_end() - 10, 20), -1);
  CHECK_INT(errno, ENOMEM);
  puts("ok");
  return 0;
}
