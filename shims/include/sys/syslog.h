/* <sys/syslog.h> for wasm32-wasi (wasi-shim, syslog area): the same as <syslog.h>, as in glibc and musl. */
#include <syslog.h>
