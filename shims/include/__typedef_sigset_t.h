/* signals: wasi-shim's replacement for wasi-libc's __typedef_sigset_t.h.
 *
 * wasi-libc's file defines `typedef unsigned char sigset_t;`, a placeholder whose 8 bits cannot
 * hold SIGUSR1 (10). The overlay's include directory is searched first, so this musl layout (128
 * bytes, one bit per signal) wins; the guard is wasi-libc's own, so whichever file is read first
 * is the only one that counts. No code compiled into wasi-libc depends on sigset_t's size. */
#ifndef __wasilibc___typedef_sigset_t_h
#define __wasilibc___typedef_sigset_t_h

typedef struct __sigset_t {
  unsigned long __bits[128 / sizeof(long)];
} sigset_t;

#endif
