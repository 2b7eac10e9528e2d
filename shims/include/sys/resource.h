/* <sys/resource.h> for wasm32-wasi (wasi-shim, resources area): wasi-libc's own header, then what
 * it hides (rlim_t, struct rlimit, RLIM_INFINITY, the RLIMIT_* and PRIO_* numbers, all musl's, i.e.
 * Linux's) and the declarations of getrlimit, setrlimit, prlimit and getrusage.
 *
 * wasi-libc's header refuses to compile without -D_WASI_EMULATED_PROCESS_CLOCKS; wasi-shim defines
 * getrusage itself (and the wrappers link the base's process clocks after it), so that macro is
 * defined here, as -D would. */
#ifndef WASI_SHIM_SYS_RESOURCE_H
#define WASI_SHIM_SYS_RESOURCE_H

#ifndef _WASI_EMULATED_PROCESS_CLOCKS
#define _WASI_EMULATED_PROCESS_CLOCKS 1
#endif

#include <sys/types.h>
#include_next <sys/resource.h>

#ifndef RLIM_INFINITY
typedef unsigned long long rlim_t;

struct rlimit {
  rlim_t rlim_cur;
  rlim_t rlim_max;
};

#define RLIM_INFINITY (~0ULL)
#define RLIM_SAVED_CUR RLIM_INFINITY
#define RLIM_SAVED_MAX RLIM_INFINITY

#define RLIMIT_CPU 0
#define RLIMIT_FSIZE 1
#define RLIMIT_DATA 2
#define RLIMIT_STACK 3
#define RLIMIT_CORE 4
#define RLIMIT_RSS 5
#define RLIMIT_NPROC 6
#define RLIMIT_NOFILE 7
#define RLIMIT_MEMLOCK 8
#define RLIMIT_AS 9
#define RLIMIT_LOCKS 10
#define RLIMIT_SIGPENDING 11
#define RLIMIT_MSGQUEUE 12
#define RLIMIT_NICE 13
#define RLIMIT_RTPRIO 14
#define RLIMIT_RTTIME 15
#define RLIMIT_NLIMITS 16
#define RLIM_NLIMITS RLIMIT_NLIMITS
#endif

#ifndef RUSAGE_THREAD
/* Linux's RUSAGE_THREAD; wasi-libc numbers RUSAGE_SELF 1 and RUSAGE_CHILDREN 2, so it gets 3 here
 * (one thread: the same as RUSAGE_SELF). */
#define RUSAGE_THREAD 3
#endif

/* For getpriority/setpriority (process area). */
#ifndef PRIO_PROCESS
#define PRIO_MIN (-20)
#define PRIO_MAX 20
#define PRIO_PROCESS 0
#define PRIO_PGRP 1
#define PRIO_USER 2
#endif

#if defined(_LARGEFILE64_SOURCE) || defined(_GNU_SOURCE)
#ifndef RLIM64_INFINITY
#define RLIM64_INFINITY RLIM_INFINITY
#define RLIM64_SAVED_CUR RLIM_SAVED_CUR
#define RLIM64_SAVED_MAX RLIM_SAVED_MAX
#define getrlimit64 getrlimit
#define setrlimit64 setrlimit
#define prlimit64 prlimit
#define rlimit64 rlimit
#define rlim64_t rlim_t
#endif
#endif

/* @WASI_SHIM_DECLARATIONS@ */

#endif
