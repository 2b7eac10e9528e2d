/* <stdlib.h> for wasm32-wasi (wasi-shim): wasi-libc's own <stdlib.h>, then the catalog's declarations. */
#include_next <stdlib.h>

/* @WASI_SHIM_DECLARATIONS@ */
