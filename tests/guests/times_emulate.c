// policy: default
// stdout: ok

/* times() in clock ticks of sysconf(_SC_CLK_TCK): after burning about 0.2 s, tms_utime/ticks reads
 * between 0.1 and 1 s, not 10^7 times more as the base's nanoseconds would (the base reports CPU
 * time as nanoseconds against a tick rate of 100: the guest shows that factor too); the children's times are 0 and the return value
 * (elapsed ticks) advances by about the same amount. */
#include <stdio.h>
#include <sys/times.h> /* first: it enables the base's emulated clock(), as -D_WASI_EMULATED_PROCESS_CLOCKS would */
#include <time.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  long ticks = sysconf(_SC_CLK_TCK);
  CHECK(ticks > 0);
  struct tms before, after;
  clock_t start = times(&before);
  CHECK(start != (clock_t)-1);
  struct timespec t0, t;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  volatile unsigned long sink = 0;
  do {
    for (int i = 0; i < 100000; i++)
      sink += (unsigned long)i * 7u;
    clock_gettime(CLOCK_MONOTONIC, &t);
  } while ((t.tv_sec - t0.tv_sec) * 1000000000LL + (t.tv_nsec - t0.tv_nsec) <
           200000000LL);
  clock_t end = times(&after);
  double user = (double)after.tms_utime / (double)ticks;
  double spent = (double)(after.tms_utime - before.tms_utime) / (double)ticks;
  double elapsed = (double)(end - start) / (double)ticks;
  /* The measured times vary from run to run: stdout keeps only what is checked, so two builds of
     * this guest (overlay, patched wasi-libc) print the same; the numbers go to stderr on failure. */
  if (!(user >= 0.1 && user <= 1.0 && spent >= 0.1 && spent <= 1.0 &&
        elapsed >= 0.1 && elapsed <= 1.0))
    fprintf(stderr, "user %.3f s, spent %.3f s, elapsed %.3f s\n", user, spent,
            elapsed);
  CHECK(user >= 0.1 && user <= 1.0);
  /* The base's times() stored clock()'s nanoseconds (CLOCKS_PER_SEC 10^9) in tms_utime: read as
     * ticks, that is 10^9 / ticks = 10^7 times too much. */
  double base_user = (double)clock() / (double)ticks;
  printf("the base's times() would report %.0e times too much\n",
         base_user / user);
  CHECK(base_user / user > 1e6);
  CHECK(spent >= 0.1 && spent <= 1.0);
  CHECK(elapsed >= 0.1 && elapsed <= 1.0);
  CHECK_INT(after.tms_stime, 0);
  CHECK_INT(after.tms_cutime, 0);
  CHECK_INT(after.tms_cstime, 0);
  CHECK(times(NULL) != (clock_t)-1);
  puts("ok");
  return 0;
}
