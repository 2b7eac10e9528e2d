/* area: memory — page protection, advice and locking over wasm linear memory.
 *
 * Linear memory is one block of 64 KiB pages, readable and writable everywhere, never executable
 * and never paged out. So only PROT_READ|PROT_WRITE can be "set", advice has nothing to act on
 * (except Linux's MADV_DONTNEED, which zero-fills), and locking is always already done. Ranges are
 * checked against the memory's current end, as Linux checks them against its mappings. wasi-libc
 * 2024 defines mprotect beside mmap and munmap in libwasi-emulated-mman, so ours replaces it through
 * --wrap there (WS_SYM names the symbol). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#ifndef _WASI_EMULATED_MMAN
#define _WASI_EMULATED_MMAN 1
#endif
#include "shim.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

#define WS_PAGE 65536u

/* 0, or the errno for a range that is not inside linear memory. */
static int ws_range_error(const void *addr, size_t len) {
  uintptr_t start = (uintptr_t)addr;
  uint64_t end = (uint64_t)start + len;
  uint64_t size = (uint64_t)__builtin_wasm_memory_size(0) * WS_PAGE;
  return end > size ? ENOMEM : 0;
}

static int ws_aligned(const void *addr) {
  return ((uintptr_t)addr & (WS_PAGE - 1)) == 0;
}

int WS_SYM(mprotect)(void *addr, size_t len, int prot) {
  WS_PROLOGUE(mprotect);
  if (!ws_aligned(addr) || (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC |
                                     PROT_GROWSDOWN | PROT_GROWSUP)))
    return ws_fail(EINVAL);
  int range = ws_range_error(addr, len);
  if (range)
    return ws_fail(range);
  if ((prot & (PROT_READ | PROT_WRITE | PROT_EXEC)) != (PROT_READ | PROT_WRITE))
    return ws_fail(ENOTSUP);
  return 0;
}

static int ws_known_advice(int advice) {
  switch (advice) {
  case MADV_NORMAL:
  case MADV_RANDOM:
  case MADV_SEQUENTIAL:
  case MADV_WILLNEED:
  case MADV_DONTNEED:
  case MADV_FREE:
  case MADV_REMOVE:
  case MADV_DONTFORK:
  case MADV_DOFORK:
  case MADV_MERGEABLE:
  case MADV_UNMERGEABLE:
  case MADV_HUGEPAGE:
  case MADV_NOHUGEPAGE:
  case MADV_DONTDUMP:
  case MADV_DODUMP:
  case MADV_WIPEONFORK:
  case MADV_KEEPONFORK:
  case MADV_COLD:
  case MADV_PAGEOUT:
    return 1;
  default:
    return 0;
  }
}

int WS_SYM(madvise)(void *addr, size_t len, int advice) {
  WS_PROLOGUE(madvise);
  if (!ws_aligned(addr) || !ws_known_advice(advice))
    return ws_fail(EINVAL);
  int range = ws_range_error(addr, len);
  if (range)
    return ws_fail(range);
  if ((advice == MADV_DONTNEED || advice == MADV_REMOVE) && len > 0)
    memset(addr, 0, len);
  return 0;
}

int WS_SYM(posix_madvise)(void *addr, size_t len, int advice) {
  WS_PROLOGUE(posix_madvise);
  if (!ws_aligned(addr) || advice < POSIX_MADV_NORMAL ||
      advice > POSIX_MADV_DONTNEED)
    return EINVAL;
  return ws_range_error(addr, len);
}

int WS_SYM(mlock)(const void *addr, size_t len) {
  WS_PROLOGUE(mlock);
  int range = ws_range_error(addr, len);
  return range ? ws_fail(range) : 0;
}

int WS_SYM(munlock)(const void *addr, size_t len) {
  WS_PROLOGUE(munlock);
  int range = ws_range_error(addr, len);
  return range ? ws_fail(range) : 0;
}

int WS_SYM(mlockall)(int flags) {
  WS_PROLOGUE(mlockall);
  if ((flags & ~(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)) ||
      !(flags & (MCL_CURRENT | MCL_FUTURE)))
    return ws_fail(EINVAL);
  return 0;
}

int WS_SYM(munlockall)(void) {
  WS_PROLOGUE(munlockall);
  return 0;
}

int WS_SYM(msync)(void *addr, size_t len, int flags) {
  WS_PROLOGUE(msync);
  int kind = flags & (MS_ASYNC | MS_SYNC);
  if (!ws_aligned(addr) || (flags & ~(MS_ASYNC | MS_SYNC | MS_INVALIDATE)) ||
      kind == (MS_ASYNC | MS_SYNC))
    return ws_fail(EINVAL);
  int range = ws_range_error(addr, len);
  return range
             ? ws_fail(range)
             : 0; /* mmap's emulation never maps anything that needs writing back */
}

int WS_SYM(memfd_create)(const char *name, unsigned flags) {
  WS_PROLOGUE(memfd_create);
  (void)name, (void)flags;
  return ws_fail(
      ENOSYS); /* error and trap end in WS_PROLOGUE; nothing else is offered */
}
