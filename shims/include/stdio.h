/* <stdio.h> for wasm32-wasi (wasi-shim): wasi-libc's own <stdio.h>, then the catalog's declarations. */

/* area: tempfiles — wasi-libc declares tmpnam and tmpfile with __deprecated__("... is not defined on
 * WASI"), which -Werror turns into a build failure even though wasi-shim defines them: its
 * declarations are renamed out of the way, so the catalog's plain ones below are the only ones. */
#define tmpnam __wasi_shim_base_tmpnam
#define tmpfile __wasi_shim_base_tmpfile

#include_next <stdio.h>

/* area: tempfiles — end of the renaming, and the constants wasi-libc hides ("WASI has no temp
 * directories"). L_tmpnam is FILENAME_MAX rather than musl's 20, since tmpnam's directory is the
 * policy's tmpdir, which may be any preopened path. */
#undef tmpnam
#undef tmpfile
#ifndef L_tmpnam
#define L_tmpnam 4096
#endif
#ifndef TMP_MAX
#define TMP_MAX 10000
#endif
#ifndef P_tmpdir
#define P_tmpdir "/tmp"
#endif

/* area: terminal — the buffer size for cuserid, which wasi-libc defines only with _GNU_SOURCE. */
#ifndef L_cuserid
#define L_cuserid 20
#endif

/* @WASI_SHIM_DECLARATIONS@ */
