/* <pty.h> for wasm32-wasi (wasi-shim, terminal area): wasi-libc has none. WASI cannot create
 * pseudo-terminals; openpty and forkpty fail as the policy says (ENOSYS by default). */
#ifndef _PTY_H
#define _PTY_H

#include <termios.h>
#include <sys/ioctl.h>

/* @WASI_SHIM_DECLARATIONS@ */

#endif
