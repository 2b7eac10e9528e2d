/* area: signals — the XSI signal functions: sighold, sigrelse, sigignore and sigset, each a mask change
 * or a disposition on top of the delivery core (sigpause, a wait, is in signal_waits.c).
 *
 * SIG_HOLD is this file's __wasi_shim_SIG_HOLD's address, as SIG_IGN is __SIG_IGN's in wasi-libc: a small
 * integer such as musl's 2 could be a real function's table index on wasm. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1 /* the XSI prototypes */
#endif
#include "shim.h"
#include "signals.h"

#include <errno.h>
#include <signal.h>
#include <string.h>

void __wasi_shim_SIG_HOLD(int sig) { (void)sig; }

/* Add or remove `sig` from the blocked set (delivering what an unblock lets through). */
static int ws_mask_one(int how, int sig) {
  if (!ws_valid(sig) || sig == SIGKILL || sig == SIGSTOP)
    return ws_fail(EINVAL);
  sigset_t set;
  ws_set_from_mask(&set, ws_bit(sig));
  return __wasi_shim_change_mask(how, &set, NULL) ? ws_fail(EINVAL) : 0;
}

int WS_SYM(sighold)(int sig) {
  WS_PROLOGUE(sighold);
  return ws_mask_one(SIG_BLOCK, sig);
}

int WS_SYM(sigrelse)(int sig) {
  WS_PROLOGUE(sigrelse);
  return ws_mask_one(SIG_UNBLOCK, sig);
}

int WS_SYM(sigignore)(int sig) {
  WS_PROLOGUE(sigignore);
  if (sig == SIGKILL || sig == SIGSTOP)
    return ws_fail(EINVAL);
  struct sigaction act;
  memset(&act, 0, sizeof act);
  act.sa_handler = SIG_IGN;
  return __wasi_shim_set_action(sig, &act, NULL);
}

void (*WS_SYM(sigset)(int sig, void (*disp)(int)))(int) {
  WS_PROLOGUE(sigset);
  if (!ws_valid(sig) || sig == SIGKILL || sig == SIGSTOP)
    return ws_fail(EINVAL), SIG_ERR;
  int was_held = (__wasi_shim_blocked() & ws_bit(sig)) != 0;
  struct sigaction old;
  if (disp == SIG_HOLD) {
    __wasi_shim_set_action(sig, NULL, &old);
    ws_mask_one(SIG_BLOCK, sig);
  } else {
    struct sigaction act;
    memset(&act, 0, sizeof act);
    act.sa_handler = disp;
    if (__wasi_shim_set_action(sig, &act, &old) < 0)
      return SIG_ERR;
    ws_mask_one(SIG_UNBLOCK, sig);
  }
  return was_held ? SIG_HOLD : old.sa_handler;
}
