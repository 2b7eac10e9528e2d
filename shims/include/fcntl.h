/* <fcntl.h> for wasm32-wasi (wasi-shim, descriptors area): wasi-libc's own header, then the
 * record-lock commands and lock types it leaves out. It defines struct flock but hides F_RDLCK,
 * F_WRLCK, F_UNLCK and the F_OFD_* commands and has no F_GETLK/F_SETLK/F_SETLKW, so code such as
 * CPython's fcntl module does not compile; the numbers are musl's (Linux's), and wasi-shim's fcntl
 * answers them. */
#ifndef WASI_SHIM_FCNTL_H
#define WASI_SHIM_FCNTL_H

#include_next <fcntl.h>

#ifndef F_GETLK
#define F_GETLK 5
#define F_SETLK 6
#define F_SETLKW 7
#endif
#ifndef F_RDLCK
#define F_RDLCK 0
#define F_WRLCK 1
#define F_UNLCK 2
#endif
#ifndef F_OFD_GETLK
#define F_OFD_GETLK 36
#define F_OFD_SETLK 37
#define F_OFD_SETLKW 38
#endif

/* @WASI_SHIM_DECLARATIONS@ */

#endif
