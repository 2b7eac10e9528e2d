/* <sys/ioctl.h> for wasm32-wasi (wasi-shim, terminal area): wasi-libc's own header (FIONREAD and
 * FIONBIO only), then the window-size requests its wrapped ioctl answers, with Linux's numbers and
 * struct winsize (from musl's alltypes, as <termios.h> has it). */
#ifndef WASI_SHIM_SYS_IOCTL_H
#define WASI_SHIM_SYS_IOCTL_H

#define __NEED_struct_winsize
#include <bits/alltypes.h>
#include_next <sys/ioctl.h>

#ifndef TIOCGWINSZ
#define TIOCGWINSZ 0x5413
#define TIOCSWINSZ 0x5414
#endif

/* @WASI_SHIM_DECLARATIONS@ */

#endif
