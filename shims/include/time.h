/* <time.h> for wasm32-wasi (wasi-shim): wasi-libc's own <time.h>, then the catalog's declarations. */
#include_next <time.h>

/* @WASI_SHIM_DECLARATIONS@ */
