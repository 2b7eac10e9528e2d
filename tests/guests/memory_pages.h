/* Shared by the memory guests: a page-aligned (64 KiB) pointer inside a fresh allocation, and the
 * first address past the end of linear memory. */
#ifndef MEMORY_PAGES_H
#define MEMORY_PAGES_H

#include <stdint.h>
#include <stdlib.h>

#include "guest.h"

#define PAGE 65536u

static inline unsigned char *aligned_page(void) {
  unsigned char *block = malloc(3 * PAGE);
  CHECK(block != NULL);
  return (unsigned char *)(((uintptr_t)block + PAGE - 1) &
                           ~(uintptr_t)(PAGE - 1));
}

static inline void *memory_end(void) {
  return (void *)(uintptr_t)(__builtin_wasm_memory_size(0) * PAGE);
}

#endif
