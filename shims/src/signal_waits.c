/* area: signals — waiting for a signal: sigsuspend, pause, sigpause, sigwait, sigwaitinfo, sigtimedwait.
 *
 * In a single-process sandbox a wait can only end on a signal that is already pending, on the
 * emulated alarm, or on its own timeout. The waits that take a signal (the sigwait family) answer
 * EAGAIN when none of those can come, as sigtimedwait does when its time runs out; the waits that
 * only return after a handler (sigsuspend, pause) have no such answer, so they report it on stderr
 * and abort rather than hang for ever. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1 /* sigpause's XSI prototype */
#endif
#include "shim.h"
#include "signals.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* Wait under `mask` until a handler runs: for an already pending signal, or the emulated alarm. */
static int ws_wait_with_mask(uint64_t mask, const char *function) {
  unsigned before = __wasi_shim_handlers_run();
  uint64_t saved = __wasi_shim_replace_blocked(mask);
  __wasi_shim_deliver_pending();
  if (__wasi_shim_handlers_run() == before && __wasi_shim_alarm_armed()) {
    __wasi_shim_sleep_until(NULL);
    __wasi_shim_deliver_pending();
  }
  if (__wasi_shim_handlers_run() == before) {
    /* Nothing can ever arrive: no other process exists and no alarm is armed (or it was ignored). */
    fprintf(stderr,
            "wasi-shim: %s would wait forever: no signal can arrive in this "
            "sandbox\n",
            function);
    abort();
  }
  __wasi_shim_replace_blocked(saved);
  __wasi_shim_deliver_pending();
  return ws_fail(EINTR);
}

int WS_SYM(sigsuspend)(const sigset_t *mask) {
  WS_PROLOGUE(sigsuspend);
  return ws_wait_with_mask(ws_mask_of(mask), "sigsuspend");
}

int WS_SYM(pause)(void) {
  WS_PROLOGUE(pause);
  return ws_wait_with_mask(__wasi_shim_blocked(), "pause");
}

int WS_SYM(sigpause)(int sig) {
  WS_PROLOGUE(sigpause);
  if (!ws_valid(sig))
    return ws_fail(EINVAL);
  return ws_wait_with_mask(__wasi_shim_blocked() & ~ws_bit(sig), "sigpause");
}

/* The deadline `timeout` from now; EINVAL for a malformed one. */
static int ws_deadline(const struct timespec *timeout, struct timespec *at) {
  if (timeout->tv_sec < 0 || timeout->tv_nsec < 0 ||
      timeout->tv_nsec >= 1000000000L)
    return EINVAL;
  __wasi_shim_now(at);
  at->tv_sec += timeout->tv_sec;
  at->tv_nsec += timeout->tv_nsec;
  if (at->tv_nsec >= 1000000000L) {
    at->tv_sec += 1;
    at->tv_nsec -= 1000000000L;
  }
  return 0;
}

/* Take a signal of `wanted`, waiting for the alarm or until `deadline` (NULL: none). Returns the signal,
 * or 0 with *error EINTR (a handler of another signal ran) or EAGAIN (nothing of `wanted` came). The
 * wanted signals count as blocked while waiting, so the alarm's SIGALRM is taken rather than handled. */
static int ws_take(uint64_t wanted, siginfo_t *info,
                   const struct timespec *deadline, int *error) {
  unsigned before = __wasi_shim_handlers_run();
  uint64_t saved = __wasi_shim_blocked();
  __wasi_shim_replace_blocked(saved | wanted);
  int sig = 0;
  *error = EAGAIN;
  for (int slept = 0;; slept = 1) {
    __wasi_shim_deliver_pending();
    if ((sig = __wasi_shim_take_pending(wanted, info)) != 0)
      break;
    if (__wasi_shim_handlers_run() != before) {
      *error = EINTR;
      break;
    }
    if (slept || (!deadline && !__wasi_shim_alarm_armed()))
      break;
    __wasi_shim_sleep_until(deadline);
  }
  __wasi_shim_replace_blocked(saved);
  return sig;
}

static int ws_wait_info(const sigset_t *set, siginfo_t *info,
                        const struct timespec *timeout) {
  struct timespec at;
  int error = timeout ? ws_deadline(timeout, &at) : 0;
  if (error)
    return ws_fail(error);
  siginfo_t ignored;
  int sig = ws_take(ws_mask_of(set) & ~WS_UNBLOCKABLE, info ? info : &ignored,
                    timeout ? &at : NULL, &error);
  return sig ? sig : ws_fail(error);
}

int WS_SYM(sigwaitinfo)(const sigset_t *restrict set,
                        siginfo_t *restrict info) {
  WS_PROLOGUE(sigwaitinfo);
  return ws_wait_info(set, info, NULL);
}

int WS_SYM(sigtimedwait)(const sigset_t *restrict set, siginfo_t *restrict info,
                         const struct timespec *restrict timeout) {
  WS_PROLOGUE(sigtimedwait);
  return ws_wait_info(set, info, timeout);
}

int WS_SYM(sigwait)(const sigset_t *restrict set, int *restrict sig) {
  WS_RETURNING_PROLOGUE(sigwait);
  uint64_t wanted = ws_mask_of(set) & ~WS_UNBLOCKABLE;
  if (!wanted)
    return EINVAL;
  siginfo_t info;
  int error = EINTR, taken = 0;
  /* sigwait is never interrupted: a handler that ran (the alarm's, outside set) only restarts it. */
  while (!taken && error == EINTR)
    taken = ws_take(wanted, &info, NULL, &error);
  if (!taken)
    return error;
  *sig = taken;
  return 0;
}
