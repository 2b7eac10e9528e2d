/* <unistd.h> for wasm32-wasi (wasi-shim, identity, process and signals areas): wasi-libc's own
 * <unistd.h>, then the declarations it hides (getuid, setuid, getppid, alarm, ...).
 *
 * wasi-shim defines getpid, so wasi-libc's deprecation of it ("compile with -D_WASI_EMULATED_GETPID
 * and link with -lwasi-emulated-getpid") does not apply: defining that macro, as -D would, makes
 * wasi-libc declare getpid plainly. */
#ifndef WASI_SHIM_UNISTD_H
#define WASI_SHIM_UNISTD_H

#ifndef _WASI_EMULATED_GETPID
#define _WASI_EMULATED_GETPID 1
#endif

#include_next <unistd.h>

/* @WASI_SHIM_DECLARATIONS@ */

#endif
