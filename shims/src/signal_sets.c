/* area: signals — signal sets and descriptions: sigemptyset, sigfillset, sigaddset, sigdelset,
 * sigismember and psignal. They touch no process state, so a program that only builds sets links
 * nothing of the delivery core. */
#include "shim.h"
#include "signals.h"

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

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
