/* area: signals — dispositions, masks and synchronous in-process delivery.
 *
 * A WASI process has no other process to signal it and no asynchronous interrupts, so a signal
 * can only come from the program itself (raise, kill or killpg aimed at itself) or from an emulated
 * alarm. Delivery is therefore synchronous: a signal generated while unblocked runs its handler
 * before the generating call returns; one generated while blocked stays pending and runs when it
 * is unblocked (sigprocmask, pthread_sigmask, sigsuspend), as POSIX requires of a signal sent to
 * oneself. An emulated alarm fires at the next "signal check": kill, killpg, raise, sigprocmask,
 * pthread_sigmask, sigpending, pause and sigsuspend; pause and sigsuspend sleep until it.
 *
 * This object also defines __SIG_IGN, __SIG_ERR, bsd_signal and __sysv_signal: wasi-libc's
 * libwasi-emulated-signal.a defines them in the same member as signal() and raise(), so ours must
 * define every one of them for that member never to be pulled into a link beside ours. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE                                                            \
  1 /* clock_gettime, nanosleep, bsd_signal even under -std=c11 */
#endif
#include "shim.h"

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define WS_NSIG 65 /* signals 1..64, wasi-libc's _NSIG */

static struct sigaction ws_actions[WS_NSIG];
static uint64_t ws_blocked;
static uint64_t ws_pending;
static int ws_pending_code[WS_NSIG];
static int ws_alarm_armed;
static struct timespec ws_alarm_deadline;
static unsigned
    ws_handlers_run; /* how many handlers have run: pause and sigsuspend return after one */

/* SIG_IGN and SIG_ERR are these functions' addresses in wasi-libc's headers; they are never called. */
void __SIG_IGN(int sig) { (void)sig; }
void __SIG_ERR(int sig) { (void)sig; }

static uint64_t ws_bit(int sig) { return (uint64_t)1 << (sig - 1); }
static int ws_valid(int sig) { return sig >= 1 && sig < WS_NSIG; }
static const uint64_t ws_unblockable =
    ((uint64_t)1 << (SIGKILL - 1)) | ((uint64_t)1 << (SIGSTOP - 1));

/* sigset_t is musl's bit string (bit sig-1); its first 64 bits are all the signals there are. */
static uint64_t ws_mask_of(const sigset_t *set) {
  uint64_t mask;
  memcpy(&mask, set, sizeof mask);
  return mask;
}

static void ws_set_from_mask(sigset_t *set, uint64_t mask) {
  memset(set, 0, sizeof *set);
  memcpy(set, &mask, sizeof mask);
}

/* Default action "ignore": the POSIX ignorers, and the stop signals, since there is no job control
 * here to stop and continue a process. */
static int ws_default_ignores(int sig) {
  switch (sig) {
  case SIGCHLD:
  case SIGURG:
  case SIGWINCH:
  case SIGCONT:
  case SIGSTOP:
  case SIGTSTP:
  case SIGTTIN:
  case SIGTTOU:
    return 1;
  default:
    return 0;
  }
}

static int ws_is_ignored(int sig) {
  void (*handler)(int) = ws_actions[sig].sa_handler;
  return handler == SIG_IGN || (handler == SIG_DFL && ws_default_ignores(sig));
}

/* Deliveries in progress, one inside another (a handler that raises, SA_NODEFER's own signal again).
 * Each takes a handler's frames on the wasm shadow stack, which nothing bounds: past
 * WS_MAX_NESTED_DELIVERIES a generated signal stays pending, as if blocked, until a handler returns.
 * (The wrappers link with --stack-first as well, so a stack that overflows anyway traps instead of
 * running into the program's data.) */
#define WS_MAX_NESTED_DELIVERIES 32
static int ws_nested;

static void ws_deliver(int sig, int code) {
  struct sigaction *action = &ws_actions[sig];
  if (ws_is_ignored(sig))
    return;
  if (action->sa_handler == SIG_DFL) {
    /* A terminating signal: 128+signo is what a shell reports for a process it killed. */
    _Exit(128 + sig);
  }
  int flags = action->sa_flags;
  void (*handler)(int) = action->sa_handler;
  void (*handler_info)(int, siginfo_t *, void *) = action->sa_sigaction;
  uint64_t saved = ws_blocked;
  ws_blocked |= ws_mask_of(&action->sa_mask);
  if (!(flags & SA_NODEFER))
    ws_blocked |= ws_bit(sig);
  ws_blocked &= ~ws_unblockable;
  if (flags & SA_RESETHAND) {
    action->sa_handler = SIG_DFL;
    action->sa_flags &= ~(SA_SIGINFO | SA_RESETHAND);
  }
  ws_nested++;
  if (flags & SA_SIGINFO) {
    siginfo_t info;
    memset(&info, 0, sizeof info);
    info.si_signo = sig;
    info.si_code = code;
    info.si_pid = ws_self_pid();
    info.si_uid = ws_ids()->ruid;
    handler_info(sig, &info, NULL);
  } else {
    handler(sig);
  }
  ws_nested--;
  ws_blocked = saved;
  ws_handlers_run++;
}

static void ws_generate(int sig, int code);

static int ws_now(struct timespec *now) {
  return clock_gettime(CLOCK_MONOTONIC, now);
}

static int ws_before(const struct timespec *a, const struct timespec *b) {
  return a->tv_sec < b->tv_sec ||
         (a->tv_sec == b->tv_sec && a->tv_nsec < b->tv_nsec);
}

static void ws_check_alarm(void) {
  if (!ws_alarm_armed)
    return;
  struct timespec now;
  if (ws_now(&now) == 0 && !ws_before(&now, &ws_alarm_deadline)) {
    ws_alarm_armed = 0;
    ws_generate(SIGALRM, SI_KERNEL);
  }
}

/* Run every pending signal the mask now lets through, lowest number first. */
static void ws_deliver_pending(void) {
  ws_check_alarm();
  uint64_t ready;
  while (ws_nested < WS_MAX_NESTED_DELIVERIES &&
         (ready = ws_pending & ~ws_blocked) != 0) {
    int sig = __builtin_ctzll(ready) + 1;
    ws_pending &= ~ws_bit(sig);
    ws_deliver(sig, ws_pending_code[sig]);
  }
}

static void ws_generate(int sig, int code) {
  if (ws_is_ignored(sig))
    return; /* an ignored signal is discarded, blocked or not */
  if ((ws_blocked & ws_bit(sig)) || ws_nested >= WS_MAX_NESTED_DELIVERIES) {
    ws_pending |= ws_bit(sig);
    ws_pending_code[sig] = code;
    return;
  }
  ws_deliver(sig, code);
  ws_deliver_pending();
}

/* sigaction without the policy prologue, shared by signal(), bsd_signal() and siginterrupt(). */
static int ws_set_action(int sig, const struct sigaction *act,
                         struct sigaction *oact) {
  if (!ws_valid(sig))
    return ws_fail(EINVAL);
  if (act && (sig == SIGKILL || sig == SIGSTOP) && act->sa_handler != SIG_DFL)
    return ws_fail(EINVAL);
  struct sigaction old = ws_actions[sig];
  if (act) {
    ws_actions[sig] = *act;
    if (ws_is_ignored(sig))
      ws_pending &= ~ws_bit(
          sig); /* setting a signal to be ignored discards it when pending */
  }
  if (oact)
    *oact = old;
  return 0;
}

int WS_SYM(sigaction)(int sig, const struct sigaction *restrict act,
                      struct sigaction *restrict oact) {
  WS_PROLOGUE(sigaction);
  return ws_set_action(sig, act, oact);
}

static void (*ws_install(int sig, void (*handler)(int), int flags))(int) {
  struct sigaction act, old;
  memset(&act, 0, sizeof act);
  act.sa_handler = handler;
  act.sa_flags = flags;
  if (ws_set_action(sig, &act, &old) < 0)
    return SIG_ERR;
  return old.sa_handler;
}

void (*WS_SYM(signal)(int sig, void (*handler)(int)))(int) {
  WS_PROLOGUE(signal);
  return ws_install(sig, handler, SA_RESTART);
}

/* BSD semantics, as signal() has. Weak, as in wasi-libc's signal.o. */
__attribute__((__weak__)) void (*bsd_signal(int sig,
                                            void (*handler)(int)))(int) {
  return WS_SYMBOL_signal(sig, handler);
}

/* System V semantics: the handler is reset on delivery and the signal is not blocked while it runs. Weak,
 * as in wasi-libc's signal.o. */
__attribute__((__weak__)) void (*__sysv_signal(int sig,
                                               void (*handler)(int)))(int) {
  if (WS_BEHAVIOUR_signal != WS_EMULATE)
    return WS_SYMBOL_signal(sig, handler);
  return ws_install(sig, handler, SA_RESETHAND | SA_NODEFER);
}

int WS_SYM(raise)(int sig) {
  WS_PROLOGUE(raise);
  if (!ws_valid(sig))
    return ws_fail(EINVAL);
  ws_generate(sig, SI_TKILL);
  return 0;
}

/* kill() and killpg() once the target is known to be this process. */
static int ws_signal_self(int sig) {
  if (sig < 0 || sig >= WS_NSIG)
    return ws_fail(EINVAL);
  if (sig != 0)
    ws_generate(sig, SI_USER);
  else
    ws_deliver_pending();
  return 0;
}

int WS_SYM(kill)(pid_t pid, int sig) {
  WS_PROLOGUE(kill);
  if (sig < 0 || sig >= WS_NSIG)
    return ws_fail(EINVAL);
  pid_t self = ws_self_pid();
  /* 0 is our process group, -1 every process we may signal, -self our group: all of them just us. */
  if (pid == self || pid == 0 || pid == -1 || pid == -self)
    return ws_signal_self(sig);
  return ws_fail(ESRCH);
}

int WS_SYM(killpg)(pid_t pgrp, int sig) {
  WS_PROLOGUE(killpg);
  if (pgrp < 0 || sig < 0 || sig >= WS_NSIG)
    return ws_fail(EINVAL);
  if (pgrp == 0 || pgrp == ws_self_pid())
    return ws_signal_self(sig);
  return ws_fail(ESRCH);
}

/* sigprocmask without the prologue: 0 or an error number. */
static int ws_change_mask(int how, const sigset_t *set, sigset_t *oset) {
  uint64_t old = ws_blocked;
  if (set) {
    uint64_t mask = ws_mask_of(set);
    switch (how) {
    case SIG_BLOCK:
      ws_blocked |= mask;
      break;
    case SIG_UNBLOCK:
      ws_blocked &= ~mask;
      break;
    case SIG_SETMASK:
      ws_blocked = mask;
      break;
    default:
      return EINVAL;
    }
    ws_blocked &= ~ws_unblockable;
  }
  if (oset)
    ws_set_from_mask(oset, old);
  ws_deliver_pending();
  return 0;
}

int WS_SYM(sigprocmask)(int how, const sigset_t *restrict set,
                        sigset_t *restrict oset) {
  WS_PROLOGUE(sigprocmask);
  int error = ws_change_mask(how, set, oset);
  return error ? ws_fail(error) : 0;
}

int WS_SYM(pthread_sigmask)(int how, const sigset_t *restrict set,
                            sigset_t *restrict oset) {
  WS_PROLOGUE(pthread_sigmask);
  return ws_change_mask(how, set, oset);
}

int WS_SYM(sigpending)(sigset_t *set) {
  WS_PROLOGUE(sigpending);
  ws_check_alarm();
  ws_set_from_mask(set, ws_pending);
  return 0;
}

/* Wait under `mask` until a handler runs: for an already pending signal, or the emulated alarm. */
/* Sleep until the emulated alarm's deadline (or until it is disarmed). */
static void ws_sleep_until_alarm(void) {
  struct timespec now;
  while (ws_alarm_armed && ws_now(&now) == 0 &&
         ws_before(&now, &ws_alarm_deadline)) {
    struct timespec left = {ws_alarm_deadline.tv_sec - now.tv_sec,
                            ws_alarm_deadline.tv_nsec - now.tv_nsec};
    if (left.tv_nsec < 0) {
      left.tv_sec -= 1;
      left.tv_nsec += 1000000000L;
    }
    nanosleep(&left, NULL);
  }
}

static int ws_wait_with_mask(uint64_t mask, const char *function) {
  unsigned before = ws_handlers_run;
  uint64_t saved = ws_blocked;
  ws_blocked = mask & ~ws_unblockable;
  ws_deliver_pending();
  if (ws_handlers_run == before && ws_alarm_armed) {
    ws_sleep_until_alarm();
    ws_deliver_pending();
  }
  if (ws_handlers_run == before) {
    /* Nothing can ever arrive: no other process exists and no alarm is armed (or it was ignored). */
    fprintf(stderr,
            "wasi-shim: %s would wait forever: no signal can arrive in this "
            "sandbox\n",
            function);
    abort();
  }
  ws_blocked = saved;
  ws_deliver_pending();
  return ws_fail(EINTR);
}

int WS_SYM(sigsuspend)(const sigset_t *mask) {
  WS_PROLOGUE(sigsuspend);
  return ws_wait_with_mask(ws_mask_of(mask), "sigsuspend");
}

int WS_SYM(sigwait)(const sigset_t *__restrict set, int *__restrict sig) {
  WS_PROLOGUE(sigwait);
  uint64_t wanted = ws_mask_of(set) & ~ws_unblockable;
  if (!wanted)
    return EINVAL;
  if (!(ws_pending & wanted) && ws_alarm_armed && (wanted & ws_bit(SIGALRM))) {
    ws_sleep_until_alarm();
    ws_check_alarm();
  }
  uint64_t ready = ws_pending & wanted;
  if (!ready) {
    /* Nothing can ever arrive: no other process exists and no alarm is armed for this set. */
    fprintf(stderr, "wasi-shim: sigwait would wait forever: no signal can "
                    "arrive in this sandbox\n");
    abort();
  }
  int taken = __builtin_ctzll(ready) + 1;
  ws_pending &= ~ws_bit(taken);
  *sig = taken;
  return 0;
}

int WS_SYM(pause)(void) {
  WS_PROLOGUE(pause);
  return ws_wait_with_mask(ws_blocked, "pause");
}

int WS_SYM(sigemptyset)(sigset_t *set) {
  WS_PROLOGUE(sigemptyset);
  memset(set, 0, sizeof *set);
  return 0;
}

int WS_SYM(sigfillset)(sigset_t *set) {
  WS_PROLOGUE(sigfillset);
  ws_set_from_mask(set, ~(uint64_t)0);
  return 0;
}

int WS_SYM(sigaddset)(sigset_t *set, int sig) {
  WS_PROLOGUE(sigaddset);
  if (!ws_valid(sig))
    return ws_fail(EINVAL);
  ws_set_from_mask(set, ws_mask_of(set) | ws_bit(sig));
  return 0;
}

int WS_SYM(sigdelset)(sigset_t *set, int sig) {
  WS_PROLOGUE(sigdelset);
  if (!ws_valid(sig))
    return ws_fail(EINVAL);
  uint64_t mask = ws_mask_of(set) & ~ws_bit(sig);
  memcpy(set, &mask,
         sizeof mask); /* keep any bits past 64 as the caller had them */
  return 0;
}

int WS_SYM(sigismember)(const sigset_t *set, int sig) {
  WS_PROLOGUE(sigismember);
  if (!ws_valid(sig))
    return ws_fail(EINVAL);
  return (ws_mask_of(set) & ws_bit(sig)) != 0;
}

int WS_SYM(siginterrupt)(int sig, int flag) {
  WS_PROLOGUE(siginterrupt);
  if (!ws_valid(sig))
    return ws_fail(EINVAL);
  if (flag)
    ws_actions[sig].sa_flags &= ~SA_RESTART;
  else
    ws_actions[sig].sa_flags |= SA_RESTART;
  return 0;
}

/* strsignal()'s descriptions (musl's, which wasi-libc's libwasi-emulated-signal carries), kept here
 * so that this object needs nothing from that library: Rust's wasm32-wasip1 sysroot lacks it. */
static const char *const ws_descriptions[32] = {
    "Unknown signal",
    "Hangup",
    "Interrupt",
    "Quit",
    "Illegal instruction",
    "Trace/breakpoint trap",
    "Aborted",
    "Bus error",
    "Arithmetic exception",
    "Killed",
    "User defined signal 1",
    "Segmentation fault",
    "User defined signal 2",
    "Broken pipe",
    "Alarm clock",
    "Terminated",
    "Stack fault",
    "Child process status",
    "Continued",
    "Stopped (signal)",
    "Stopped",
    "Stopped (tty input)",
    "Stopped (tty output)",
    "Urgent I/O condition",
    "CPU time limit exceeded",
    "File size limit exceeded",
    "Virtual timer expired",
    "Profiling timer expired",
    "Window changed",
    "I/O possible",
    "Power failure",
    "Bad system call",
};

void WS_SYM(psignal)(int sig, const char *message) {
  WS_PROLOGUE(psignal);
  int saved_errno =
      errno; /* as musl: writing the message leaves errno as the caller had it */
  char realtime[8];
  const char *description = ws_descriptions[0];
  if (sig > 0 && sig < 32) {
    description = ws_descriptions[sig];
  } else if (sig >= 32 && sig < WS_NSIG) {
    snprintf(realtime, sizeof realtime, "RT%d", sig);
    description = realtime;
  }
  if (message && *message)
    fprintf(stderr, "%s: %s\n", message, description);
  else
    fprintf(stderr, "%s\n", description);
  errno = saved_errno;
}

unsigned WS_SYM(alarm)(unsigned seconds) {
  WS_PROLOGUE(alarm);
  struct timespec now;
  ws_now(&now);
  unsigned remaining = 0;
  if (ws_alarm_armed && ws_before(&now, &ws_alarm_deadline)) {
    time_t whole = ws_alarm_deadline.tv_sec - now.tv_sec;
    long fraction = ws_alarm_deadline.tv_nsec - now.tv_nsec;
    /* Rounded up, so an armed alarm never reports 0 ("none was pending"). */
    remaining = (unsigned)(whole + (fraction > 0 ? 1 : 0));
    if (remaining == 0)
      remaining = 1;
  }
  ws_alarm_armed = seconds != 0;
  ws_alarm_deadline = now;
  ws_alarm_deadline.tv_sec += seconds;
  return remaining;
}
