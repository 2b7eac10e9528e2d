/* resources: wasi-shim's replacement for wasi-libc's __struct_rusage.h.
 *
 * wasi-libc's struct rusage has only ru_utime and ru_stime ("TODO: Add more features here"), so
 * code that reads the other fields, such as CPython's resource.getrusage, does not compile. This is
 * musl's (Linux's) layout; the guard is wasi-libc's own, so whichever file is read first is the only
 * one that counts. wasi-shim's getrusage fills the whole struct; no code compiled into wasi-libc
 * writes one except the process-clocks getrusage that ours replaces. */
#ifndef __wasilibc___struct_rusage_h
#define __wasilibc___struct_rusage_h

#include <__struct_timeval.h>

struct rusage {
  struct timeval ru_utime;
  struct timeval ru_stime;
  long ru_maxrss;
  long ru_ixrss;
  long ru_idrss;
  long ru_isrss;
  long ru_minflt;
  long ru_majflt;
  long ru_nswap;
  long ru_inblock;
  long ru_oublock;
  long ru_msgsnd;
  long ru_msgrcv;
  long ru_nsignals;
  long ru_nvcsw;
  long ru_nivcsw;
  long __reserved[16];
};

#endif
