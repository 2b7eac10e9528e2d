/* <sys/mman.h> for wasm32-wasi (wasi-shim, memory area): wasi-libc's own header and the catalog's
 * declarations of mprotect, madvise, posix_madvise and the mlock family.
 *
 * wasi-libc's header refuses to compile without -D_WASI_EMULATED_MMAN; wasi-shim defines the
 * functions above itself, so that macro is defined here, as -D would. mmap and munmap remain
 * wasi-libc's emulation: link with -lwasi-emulated-mman when using them. */
#ifndef WASI_SHIM_SYS_MMAN_H
#define WASI_SHIM_SYS_MMAN_H

#ifndef _WASI_EMULATED_MMAN
#define _WASI_EMULATED_MMAN 1
#endif

#include_next <sys/mman.h>

/* @WASI_SHIM_DECLARATIONS@ */

#endif
