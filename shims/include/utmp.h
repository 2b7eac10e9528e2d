/* <utmp.h> for wasm32-wasi (wasi-shim, terminal area): wasi-libc has none. Only login_tty is
 * declared (glibc and musl declare it here); WASI keeps no login records, so there is no struct
 * utmp and no getutent family. */
#ifndef _UTMP_H
#define _UTMP_H

/* @WASI_SHIM_DECLARATIONS@ */

#endif
