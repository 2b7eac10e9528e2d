// policy: default
// stdout: ok

/* getrusage: RUSAGE_SELF's user time in seconds grows with work done (about 0.2 s here, not a
 * nanosecond count), ru_maxrss is the linear memory in KiB (the full Linux struct is there: CPython's
 * resource module reads every field), RUSAGE_CHILDREN is all zero (no children), anything else is
 * EINVAL. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "guest.h"

int main(void) {
  struct timespec t0, t;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  volatile unsigned long sink = 0;
  do {
    for (int i = 0; i < 100000; i++)
      sink += (unsigned long)i * 7u;
    clock_gettime(CLOCK_MONOTONIC, &t);
  } while ((t.tv_sec - t0.tv_sec) * 1000000000LL + (t.tv_nsec - t0.tv_nsec) <
           200000000LL);
  struct rusage ru;
  memset(&ru, 0xff, sizeof ru);
  CHECK_INT(getrusage(RUSAGE_SELF, &ru), 0);
  double user = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6;
  CHECK(user >= 0.1 && user <= 1.0);
  CHECK(ru.ru_utime.tv_usec >= 0 && ru.ru_utime.tv_usec < 1000000);
  CHECK_INT(ru.ru_stime.tv_sec, 0);
  CHECK_INT(ru.ru_stime.tv_usec, 0);
  CHECK_INT(ru.ru_maxrss, (long)(__builtin_wasm_memory_size(0) * 64u));
  CHECK(ru.ru_maxrss >= 64);
  CHECK_INT(ru.ru_minflt, 0);
  CHECK_INT(ru.ru_nivcsw, 0);
  memset(&ru, 0xff, sizeof ru);
  CHECK_INT(getrusage(RUSAGE_CHILDREN, &ru), 0);
  CHECK_INT(ru.ru_utime.tv_sec, 0);
  CHECK_INT(ru.ru_utime.tv_usec, 0);
  CHECK_INT(ru.ru_maxrss, 0);
  errno = 0;
  CHECK_INT(getrusage(12345, &ru), -1);
  CHECK_INT(errno, EINVAL);
  puts("ok");
  return 0;
}
