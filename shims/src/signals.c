/* area: signals — dispositions, masks, the pending set and real-time queue, and synchronous delivery.
 *
 * A WASI process has no other process to signal it and no asynchronous interrupts, so a signal
 * can only come from the program itself (raise, kill, killpg or sigqueue aimed at itself) or from an
 * emulated alarm. Delivery is therefore synchronous: a signal generated while unblocked runs its
 * handler before the generating call returns; one generated while blocked stays pending (whatever its
 * action, as on Linux: the action may change before it is unblocked) and runs when it is unblocked, as
 * POSIX requires of a signal sent to oneself. Real-time signals (SIGRTMIN..SIGRTMAX) queue every
 * instance with its value, in order; a standard signal is pending once. An emulated alarm fires at the
 * next "signal check": kill, killpg, raise, sigqueue, the mask calls, sigpending and the waits.
 *
 * Other processes: the sandbox reports a parent (getppid) and, as on any POSIX system, init (pid 1).
 * Both exist for kill and sigqueue but are out of reach: a probe (signal 0) answers 0 for root and
 * EPERM otherwise, a signal EPERM. kill(-1, sig) reaches every process but the caller and init, as on
 * Linux: the parent when it is not init (which, being out of reach, Linux reports as 0), else none.
 *
 * This object also defines __SIG_IGN, __SIG_ERR, bsd_signal and __sysv_signal: wasi-libc's
 * libwasi-emulated-signal.a defines them in the same member as signal() and raise(), so ours must
 * define every one of them for that member never to be pulled into a link beside ours. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE                                                            \
  1 /* clock_gettime, nanosleep, bsd_signal even under -std=c11 */
#endif
#include "shim.h"
#include "signals.h"

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static struct sigaction ws_actions[WS_NSIG];
static uint64_t ws_blocked;
static uint64_t ws_pending;
/* How a pending standard signal was generated (it is pending once, so one origin each). */
static struct ws_origin {
  int code;
  union sigval value;
} ws_origin[WS_NSIG];
/* Pending real-time instances in the order they were generated; grown as needed, since
 * sysconf(_SC_SIGQUEUE_MAX) answers -1 (no limit). */
static struct ws_queued {
  int sig;
  struct ws_origin origin;
} *ws_queue;
static size_t ws_queued, ws_queue_capacity;
static int ws_alarm_armed;
static struct timespec ws_alarm_deadline;
static unsigned ws_handlers_run;

/* SIG_IGN and SIG_ERR are these functions' addresses in wasi-libc's headers; they are never called. */
void __SIG_IGN(int sig) { (void)sig; }
void __SIG_ERR(int sig) { (void)sig; }

uint64_t __wasi_shim_blocked(void) { return ws_blocked; }
unsigned __wasi_shim_handlers_run(void) { return ws_handlers_run; }

uint64_t __wasi_shim_replace_blocked(uint64_t mask) {
  uint64_t old = ws_blocked;
  ws_blocked = mask & ~WS_UNBLOCKABLE;
  return old;
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

static int ws_is_realtime(int sig) { return sig >= SIGRTMIN; }

/* ---------------------------------------------------------------- the pending set and queue */

static int ws_enqueue(int sig, struct ws_origin origin) {
  if (ws_queued == ws_queue_capacity) {
    size_t capacity = ws_queue_capacity ? 2 * ws_queue_capacity : 32;
    struct ws_queued *grown = realloc(ws_queue, capacity * sizeof *grown);
    if (!grown)
      return EAGAIN;
    ws_queue = grown;
    ws_queue_capacity = capacity;
  }
  ws_queue[ws_queued++] = (struct ws_queued){sig, origin};
  return 0;
}

/* Remove one pending instance of `sig`: the oldest, for a real-time signal. */
static struct ws_origin ws_dequeue(int sig) {
  if (!ws_is_realtime(sig)) {
    ws_pending &= ~ws_bit(sig);
    return ws_origin[sig];
  }
  struct ws_origin origin = {SI_USER, {0}};
  size_t at = 0;
  while (at < ws_queued && ws_queue[at].sig != sig)
    at++;
  int more = 0;
  if (at < ws_queued) {
    origin = ws_queue[at].origin;
    memmove(&ws_queue[at], &ws_queue[at + 1],
            (ws_queued - at - 1) * sizeof *ws_queue);
    ws_queued--;
    for (size_t i = at; i < ws_queued && !more; i++)
      more = ws_queue[i].sig == sig;
  }
  if (!more)
    ws_pending &= ~ws_bit(sig);
  return origin;
}

/* Every pending instance of `sig` dropped: its action became "ignore". */
static void ws_discard(int sig) {
  while (ws_pending & ws_bit(sig))
    (void)ws_dequeue(sig);
}

static void ws_fill_info(siginfo_t *info, int sig, struct ws_origin origin) {
  memset(info, 0, sizeof *info);
  info->si_signo = sig;
  info->si_code = origin.code;
  if (origin.code != SI_KERNEL) {
    info->si_pid = ws_self_pid();
    info->si_uid = ws_ids()->ruid;
  }
  info->si_value = origin.value;
}

int __wasi_shim_take_pending(uint64_t set, siginfo_t *info) {
  uint64_t ready = ws_pending & set;
  if (!ready)
    return 0;
  int sig = __builtin_ctzll(ready) + 1;
  ws_fill_info(info, sig, ws_dequeue(sig));
  return sig;
}

/* ---------------------------------------------------------------- the alternate signal stack */

static stack_t ws_altstack = {NULL, SS_DISABLE, 0};
static int ws_on_altstack; /* handlers running on it, one inside another */

/* A handler called through its own type: wasm checks an indirect call's signature. */
static void ws_invoke(const struct sigaction *action, int sig,
                      siginfo_t *info) {
  if (action->sa_flags & SA_SIGINFO)
    action->sa_sigaction(sig, info, NULL);
  else
    action->sa_handler(sig);
}

/* Invoke the handler with the wasm shadow stack pointer (the __stack_pointer global every C frame is
 * carved from) at `top`, and put it back after. Only the shadow stack moves: wasm's own value and
 * call stack is the engine's, so a handler that overflows the alternate stack writes below it in
 * linear memory, as it would past an alternate stack without a guard page on Linux. A longjmp out of
 * the handler is safe: the code that catches it restores __stack_pointer from its own frame. */
__attribute__((__noinline__)) static void
ws_invoke_on_stack(char *top, const struct sigaction *action, int sig,
                   siginfo_t *info) {
  char *saved;
  __asm__ volatile("global.get __stack_pointer\n\tlocal.set %0" : "=r"(saved));
  __asm__ volatile("local.get %0\n\tglobal.set __stack_pointer" ::"r"(top));
  ws_invoke(action, sig, info);
  __asm__ volatile("local.get %0\n\tglobal.set __stack_pointer" ::"r"(saved));
}

/* Run a handler, on the alternate stack when its action asks and one is set up and not in use. */
static void ws_run_handler(const struct sigaction *action, int sig,
                           siginfo_t *info) {
  int switch_stack = (action->sa_flags & SA_ONSTACK) && !ws_on_altstack &&
                     !(ws_altstack.ss_flags & SS_DISABLE);
  if (!switch_stack) {
    ws_invoke(action, sig, info);
    return;
  }
  stack_t armed = ws_altstack;
  uintptr_t top = ((uintptr_t)armed.ss_sp + armed.ss_size) & ~(uintptr_t)15;
  if (armed.ss_flags & SS_AUTODISARM)
    ws_altstack = (stack_t){NULL, SS_DISABLE, 0};
  ws_on_altstack++;
  ws_invoke_on_stack((char *)top, action, sig, info);
  ws_on_altstack--;
  if (armed.ss_flags & SS_AUTODISARM)
    ws_altstack = armed;
}

int WS_SYM(sigaltstack)(const stack_t *restrict ss, stack_t *restrict old) {
  WS_PROLOGUE(sigaltstack);
  stack_t current = ws_altstack;
  if (ws_on_altstack)
    current.ss_flags = SS_ONSTACK | (current.ss_flags & SS_AUTODISARM);
  if (ss) {
    if (ws_on_altstack)
      return ws_fail(EPERM);
    int mode = ss->ss_flags & ~SS_AUTODISARM;
    if (mode != 0 && mode != SS_DISABLE)
      return ws_fail(EINVAL);
    if (mode == 0 && ss->ss_size < MINSIGSTKSZ)
      return ws_fail(ENOMEM);
    ws_altstack = mode == SS_DISABLE ? (stack_t){NULL, SS_DISABLE, 0} : *ss;
  }
  if (old)
    *old = current;
  return 0;
}

/* ---------------------------------------------------------------- delivery */

/* Deliveries in progress, one inside another (a handler that raises, SA_NODEFER's own signal again).
 * Each takes a handler's frames on the wasm shadow stack, which nothing bounds: past
 * WS_MAX_NESTED_DELIVERIES a generated signal stays pending, as if blocked, until a handler returns.
 * (The wrappers link with --stack-first as well, so a stack that overflows anyway traps instead of
 * running into the program's data.) */
#define WS_MAX_NESTED_DELIVERIES 32
static int ws_nested;

#ifdef WS_COMPONENT
/* A component's _Exit in wasi-libc before 2025 goes through the preview 1 adapter, whose exit reports only 0
 * or 1; wasi:cli/exit's exit-with-code (WASI 0.2.12, whose type the overlay gives wasm-component-ld in
 * share/wasi-shim.wit) reports the status itself. */
__attribute__((__import_module__("wasi:cli/exit@0.2.12"),
               __import_name__("exit-with-code"))) _Noreturn void
__wasi_shim_exit_with_code(int32_t status);
#endif

/* Ends the program with `status` as its exit status on either target. */
static _Noreturn void ws_exit_status(int status) {
#ifdef WS_COMPONENT
  __wasi_shim_exit_with_code(status);
#else
  _Exit(status);
#endif
}

static void ws_deliver(int sig, siginfo_t *info) {
  struct sigaction *action = &ws_actions[sig];
  if (ws_is_ignored(sig))
    return;
  if (action->sa_handler == SIG_DFL) {
    /* A terminating signal: 128+signo is what a shell reports for a process it killed (the setting's
     * default); runtimes that refuse statuses of 126 and above need a lower base. */
    ws_exit_status(WS_SETTING_SIGNALS_EXIT_STATUS_BASE + sig);
  }
  struct sigaction running = *action;
  uint64_t saved = ws_blocked;
  ws_blocked |= ws_mask_of(&action->sa_mask);
  if (!(running.sa_flags & SA_NODEFER))
    ws_blocked |= ws_bit(sig);
  ws_blocked &= ~WS_UNBLOCKABLE;
  if (running.sa_flags & SA_RESETHAND) {
    action->sa_handler = SIG_DFL;
    action->sa_flags &= ~(SA_SIGINFO | SA_RESETHAND);
  }
  ws_nested++;
  ws_run_handler(&running, sig, info);
  ws_nested--;
  ws_blocked = saved;
  ws_handlers_run++;
}

int __wasi_shim_now(struct timespec *now) {
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
  if (__wasi_shim_now(&now) == 0 && !ws_before(&now, &ws_alarm_deadline)) {
    ws_alarm_armed = 0;
    (void)__wasi_shim_generate(SIGALRM, SI_KERNEL, (union sigval){0});
  }
}

void __wasi_shim_deliver_pending(void) {
  ws_check_alarm();
  uint64_t ready;
  while (ws_nested < WS_MAX_NESTED_DELIVERIES &&
         (ready = ws_pending & ~ws_blocked) != 0) {
    int sig = __builtin_ctzll(ready) + 1;
    siginfo_t info;
    ws_fill_info(&info, sig, ws_dequeue(sig));
    ws_deliver(sig, &info);
  }
}

int __wasi_shim_generate(int sig, int code, union sigval value) {
  int blocked = (ws_blocked & ws_bit(sig)) != 0;
  if (!blocked && ws_is_ignored(sig))
    return 0; /* discarded; a blocked one stays pending, its action may change */
  struct ws_origin origin = {code, value};
  if (ws_is_realtime(sig)) {
    if (ws_enqueue(sig, origin))
      return EAGAIN;
  } else if (!(ws_pending & ws_bit(sig))) {
    ws_origin[sig] = origin;
  }
  ws_pending |= ws_bit(sig);
  if (!blocked)
    __wasi_shim_deliver_pending();
  return 0;
}

/* ---------------------------------------------------------------- dispositions */

int __wasi_shim_set_action(int sig, const struct sigaction *act,
                           struct sigaction *oact) {
  if (!ws_valid(sig))
    return ws_fail(EINVAL);
  if (act && (sig == SIGKILL || sig == SIGSTOP) && act->sa_handler != SIG_DFL)
    return ws_fail(EINVAL);
  struct sigaction old = ws_actions[sig];
  if (act) {
    ws_actions[sig] = *act;
    if (ws_is_ignored(sig))
      ws_discard(
          sig); /* an action of "ignore" discards the signal when pending */
  }
  if (oact)
    *oact = old;
  return 0;
}

int WS_SYM(sigaction)(int sig, const struct sigaction *restrict act,
                      struct sigaction *restrict oact) {
  WS_PROLOGUE(sigaction);
  return __wasi_shim_set_action(sig, act, oact);
}

static void (*ws_install(int sig, void (*handler)(int), int flags))(int) {
  struct sigaction act, old;
  memset(&act, 0, sizeof act);
  act.sa_handler = handler;
  act.sa_flags = flags;
  if (__wasi_shim_set_action(sig, &act, &old) < 0)
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

/* ---------------------------------------------------------------- sending */

int WS_SYM(raise)(int sig) {
  WS_PROLOGUE(raise);
  if (!ws_valid(sig))
    return ws_fail(EINVAL);
  /* Linux's codes, as measured there: SI_TKILL (raise is tgkill) for a signal handled at once, SI_USER
   * for one raised while blocked and taken later (what the Open POSIX suite's sigwaitinfo/6-1 checks). */
  int code = ws_blocked & ws_bit(sig) ? SI_USER : SI_TKILL;
  int error = __wasi_shim_generate(sig, code, (union sigval){0});
  return error ? ws_fail(error) : 0;
}

/* A signal aimed at this process (signal 0 only probes, and checks the alarm). */
static int ws_signal_self(int sig, int code, union sigval value) {
  if (sig == 0) {
    __wasi_shim_deliver_pending();
    return 0;
  }
  int error = __wasi_shim_generate(sig, code, value);
  return error ? ws_fail(error) : 0;
}

/* A process the sandbox reports besides this one: its parent, and init. Both out of reach. */
static int ws_signal_other(pid_t pid, int sig) {
  if (pid != 1 && pid != ws_parent_pid())
    return ws_fail(ESRCH);
  if (sig == 0 && ws_ids()->euid == 0)
    return 0;
  return ws_fail(EPERM);
}

/* kill(-1, sig): every process but this one and init, which here is the parent unless it is init. */
static int ws_signal_everyone_else(void) {
  pid_t parent = ws_parent_pid();
  return parent > 1 && parent != ws_self_pid() ? 0 : ws_fail(ESRCH);
}

int WS_SYM(kill)(pid_t pid, int sig) {
  WS_PROLOGUE(kill);
  if (sig < 0 || sig >= WS_NSIG)
    return ws_fail(EINVAL);
  pid_t self = ws_self_pid();
  if (pid == self || pid == 0 || pid == -self)
    return ws_signal_self(sig, SI_USER, (union sigval){0});
  if (pid == -1)
    return ws_signal_everyone_else();
  if (pid < -1)
    return ws_fail(
        ESRCH); /* no other group is known: -1 already names init's */
  return ws_signal_other(pid, sig);
}

int WS_SYM(killpg)(pid_t pgrp, int sig) {
  WS_PROLOGUE(killpg);
  if (pgrp < 0 || sig < 0 || sig >= WS_NSIG)
    return ws_fail(EINVAL);
  if (pgrp == 0 || pgrp == ws_self_pid())
    return ws_signal_self(sig, SI_USER, (union sigval){0});
  if (pgrp == 1)
    return ws_signal_other(1, sig); /* init leads group 1 */
  return ws_fail(ESRCH);
}

int WS_SYM(sigqueue)(pid_t pid, int sig, union sigval value) {
  WS_PROLOGUE(sigqueue);
  if (sig < 0 || sig >= WS_NSIG)
    return ws_fail(EINVAL);
  if (pid == ws_self_pid())
    return ws_signal_self(sig, SI_QUEUE, value);
  return pid > 0 ? ws_signal_other(pid, sig) : ws_fail(ESRCH);
}

/* ---------------------------------------------------------------- masks */

int __wasi_shim_change_mask(int how, const sigset_t *set, sigset_t *oset) {
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
    ws_blocked &= ~WS_UNBLOCKABLE;
  }
  if (oset)
    ws_set_from_mask(oset, old);
  __wasi_shim_deliver_pending();
  return 0;
}

int WS_SYM(sigprocmask)(int how, const sigset_t *restrict set,
                        sigset_t *restrict oset) {
  WS_PROLOGUE(sigprocmask);
  int error = __wasi_shim_change_mask(how, set, oset);
  return error ? ws_fail(error) : 0;
}

int WS_SYM(pthread_sigmask)(int how, const sigset_t *restrict set,
                            sigset_t *restrict oset) {
  WS_PROLOGUE(pthread_sigmask);
  return __wasi_shim_change_mask(how, set, oset);
}

int WS_SYM(sigpending)(sigset_t *set) {
  WS_PROLOGUE(sigpending);
  ws_check_alarm();
  ws_set_from_mask(set, ws_pending);
  return 0;
}

/* ---------------------------------------------------------------- the emulated alarm */

int __wasi_shim_alarm_armed(void) { return ws_alarm_armed; }

static struct timespec ws_until(const struct timespec *now,
                                const struct timespec *then) {
  struct timespec left = {then->tv_sec - now->tv_sec,
                          then->tv_nsec - now->tv_nsec};
  if (left.tv_nsec < 0) {
    left.tv_sec -= 1;
    left.tv_nsec += 1000000000L;
  }
  return left;
}

void __wasi_shim_sleep_until(const struct timespec *limit) {
  struct timespec now;
  while ((ws_alarm_armed || limit) && __wasi_shim_now(&now) == 0) {
    const struct timespec *end = limit;
    if (ws_alarm_armed && (!end || ws_before(&ws_alarm_deadline, end)))
      end = &ws_alarm_deadline;
    if (!ws_before(&now, end))
      return;
    struct timespec left = ws_until(&now, end);
    nanosleep(&left, NULL);
  }
}

unsigned WS_SYM(alarm)(unsigned seconds) {
  WS_PROLOGUE(alarm);
  struct timespec now;
  __wasi_shim_now(&now);
  unsigned remaining = 0;
  if (ws_alarm_armed && ws_before(&now, &ws_alarm_deadline)) {
    struct timespec left = ws_until(&now, &ws_alarm_deadline);
    /* Rounded up, so an armed alarm never reports 0 ("none was pending"). */
    remaining = (unsigned)(left.tv_sec + (left.tv_nsec > 0 ? 1 : 0));
    if (remaining == 0)
      remaining = 1;
  }
  ws_alarm_armed = seconds != 0;
  ws_alarm_deadline = now;
  ws_alarm_deadline.tv_sec += seconds;
  return remaining;
}
