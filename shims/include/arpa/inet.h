/* <arpa/inet.h> for wasm32-wasi (wasi-shim): wasi-libc's own <arpa/inet.h>, then the catalog's declarations. */
#include_next <arpa/inet.h>

/* @WASI_SHIM_DECLARATIONS@ */
