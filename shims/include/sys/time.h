/* <sys/time.h> for wasm32-wasi (wasi-shim, resources area): wasi-libc's own header, then what it
 * hides for interval timers (struct itimerval and ITIMER_*, musl's) and the declarations of
 * setitimer and getitimer. */
#ifndef WASI_SHIM_SYS_TIME_H
#define WASI_SHIM_SYS_TIME_H

#include_next <sys/time.h>

#ifndef ITIMER_REAL
#define ITIMER_REAL 0
#define ITIMER_VIRTUAL 1
#define ITIMER_PROF 2

struct itimerval {
  struct timeval it_interval;
  struct timeval it_value;
};
#endif

/* @WASI_SHIM_DECLARATIONS@ */

#endif
