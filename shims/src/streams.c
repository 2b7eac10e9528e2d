/* area: streams — flockfile, ftrylockfile and funlockfile for a single-threaded program.
 *
 * wasi-libc's stdio has no locks to take when built without threads; a WASI preview 1 program has
 * exactly one thread, so a stream lock is always free to take and nobody can be waiting for it:
 * granting it at once is the exact single-threaded behaviour, not an approximation. */
#include "shim.h"

#include <stdio.h>

void WS_SYM(flockfile)(FILE *file) {
  WS_PROLOGUE(flockfile);
  (void)file;
}

int WS_SYM(ftrylockfile)(FILE *file) {
  WS_PROLOGUE(ftrylockfile);
  (void)file;
  return 0;
}

void WS_SYM(funlockfile)(FILE *file) {
  WS_PROLOGUE(funlockfile);
  (void)file;
}
