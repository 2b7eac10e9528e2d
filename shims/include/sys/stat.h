/* <sys/stat.h> for wasm32-wasi (wasi-shim): wasi-libc's own <sys/stat.h>, then the catalog's declarations. */
#include_next <sys/stat.h>

/* @WASI_SHIM_DECLARATIONS@ */
