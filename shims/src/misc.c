/* area: misc — tzset and getloadavg, which wasi-libc declares only upstream and does not define. */
#include "shim.h"

#include <stdlib.h>
#include <time.h>

/* wasi-libc has no timezone database: localtime() is UTC whatever TZ says, so there is nothing to load. */
void WS_SYM(tzset)(void) { WS_PROLOGUE(tzset); }

/* A sandbox sees no system load: report an idle machine. */
int WS_SYM(getloadavg)(double *loadavg, int nelem) {
  WS_PROLOGUE(getloadavg);
  if (nelem < 0)
    return -1;
  if (nelem > 3)
    nelem = 3;
  for (int i = 0; i < nelem; i++)
    loadavg[i] = 0.0;
  return nelem;
}
