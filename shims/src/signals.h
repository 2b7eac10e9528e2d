/* area: signals — the state and delivery core that signals.c owns and the area's other sources use.
 *
 * One process, one thread: a signal is pending, blocked, delivered or discarded only through these
 * functions, so every source of the area agrees on the masks, the queue and the emulated alarm. */
#ifndef WASI_SHIM_SIGNALS_H
#define WASI_SHIM_SIGNALS_H

#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#define WS_NSIG 65 /* signals 1..64, wasi-libc's _NSIG */

static inline uint64_t ws_bit(int sig) { return (uint64_t)1 << (sig - 1); }
static inline int ws_valid(int sig) { return sig >= 1 && sig < WS_NSIG; }
#define WS_UNBLOCKABLE                                                         \
  (((uint64_t)1 << (SIGKILL - 1)) | ((uint64_t)1 << (SIGSTOP - 1)))

/* sigset_t is musl's bit string (bit sig-1); its first 64 bits are all the signals there are. */
static inline uint64_t ws_mask_of(const sigset_t *set) {
  uint64_t mask;
  memcpy(&mask, set, sizeof mask);
  return mask;
}

static inline void ws_set_from_mask(sigset_t *set, uint64_t mask) {
  memset(set, 0, sizeof *set);
  memcpy(set, &mask, sizeof mask);
}

/* The blocked set, and how many handlers have run so far (a wait ends after one). */
uint64_t __wasi_shim_blocked(void);
unsigned __wasi_shim_handlers_run(void);
/* Replace the blocked set (SIGKILL and SIGSTOP are never blocked); returns the old one. No delivery. */
uint64_t __wasi_shim_replace_blocked(uint64_t mask);
/* Run every pending signal the mask lets through (after checking the emulated alarm). */
void __wasi_shim_deliver_pending(void);
/* Generate `sig` for this process with the given si_code and value. 0, or EAGAIN when a real-time
 * signal's queue cannot grow. */
int __wasi_shim_generate(int sig, int code, union sigval value);
/* Take the lowest pending signal of `set` without running its handler, filling *info; 0 when none is. */
int __wasi_shim_take_pending(uint64_t set, siginfo_t *info);
/* sigaction without the policy prologue: 0 or -1 with errno. */
int __wasi_shim_set_action(int sig, const struct sigaction *act,
                           struct sigaction *oact);
/* sigprocmask without the prologue: 0 or an error number. */
int __wasi_shim_change_mask(int how, const sigset_t *set, sigset_t *oset);

/* The emulated alarm: whether one is armed, and sleeping until it fires or `limit` (NULL: no limit)
 * passes, whichever is first. Returns at once when no alarm is armed and there is no limit. */
int __wasi_shim_alarm_armed(void);
void __wasi_shim_sleep_until(const struct timespec *limit);
int __wasi_shim_now(struct timespec *now);

#endif
