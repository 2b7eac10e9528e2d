/* <sys/socket.h> for wasm32-wasi (wasi-shim): wasi-libc's own <sys/socket.h>, then the catalog's declarations. */
#include_next <sys/socket.h>

/* @WASI_SHIM_DECLARATIONS@ */
