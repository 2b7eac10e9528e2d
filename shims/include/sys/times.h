/* <sys/times.h> for wasm32-wasi (wasi-shim, resources area): wasi-libc's own header and the
 * declaration of times().
 *
 * wasi-libc's header refuses to compile without -D_WASI_EMULATED_PROCESS_CLOCKS; wasi-shim defines
 * times itself (in clock ticks, where the base's counts nanoseconds), so that macro is defined here,
 * as -D would. */
#ifndef WASI_SHIM_SYS_TIMES_H
#define WASI_SHIM_SYS_TIMES_H

#ifndef _WASI_EMULATED_PROCESS_CLOCKS
#define _WASI_EMULATED_PROCESS_CLOCKS 1
#endif

#include_next <sys/times.h>

/* @WASI_SHIM_DECLARATIONS@ */

#endif
