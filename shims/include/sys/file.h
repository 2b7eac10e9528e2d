/* <sys/file.h> for wasm32-wasi (wasi-shim, descriptors area): wasi-libc's own header (LOCK_SH,
 * LOCK_EX, LOCK_NB, LOCK_UN and flock's declaration, which it has but never defined), then the
 * catalog's declaration of flock. */
#include_next <sys/file.h>

/* @WASI_SHIM_DECLARATIONS@ */
