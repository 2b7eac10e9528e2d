/* area: resources — resource limits, process times and interval timers.
 *
 * Limits: one in-process table, initialised on first use from the policy's [limits] settings
 * (WS_SETTING_LIMITS_*; -1 means RLIM_INFINITY, a stack of 0 the stack wasm-ld reserved). setrlimit
 * follows POSIX's rules on it; nothing else consults it.
 *
 * Times: wasi-libc's times() (libwasi-emulated-process-clocks) reports nanoseconds where POSIX wants
 * clock ticks of sysconf(_SC_CLK_TCK) = 100, a factor of 10^7. Ours asks the runtime's process
 * CPU-time clock first and, when the runtime has none (wasmtime answers EBADF), falls back to the
 * base's emulated clock(): wall-clock time since the program started. The wrappers link that
 * library after ours, since ours replaces its times and getrusage members. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#ifndef _WASI_EMULATED_PROCESS_CLOCKS
#define _WASI_EMULATED_PROCESS_CLOCKS 1
#endif
#include "shim.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>
#ifndef WS_COMPONENT
#include <wasi/api.h>
#endif

/* ---------------------------------------------------------------- limits */

static struct rlimit ws_limits[RLIMIT_NLIMITS];
static int ws_limits_ready;

/* wasm-ld defines these around the stack it reserves (LLVM 16 and later). */
extern char __stack_low[] __attribute__((__weak__));
extern char __stack_high[] __attribute__((__weak__));

static rlim_t ws_limit(long long setting) {
  return setting < 0 ? RLIM_INFINITY : (rlim_t)setting;
}

static rlim_t ws_stack_limit(long long setting) {
  if (setting != 0)
    return ws_limit(setting);
  if (__stack_low && __stack_high && __stack_high > __stack_low)
    return (rlim_t)(__stack_high - __stack_low);
  return 65536; /* wasm-ld's default stack size, when the linker gave no bounds */
}

static void ws_set_both(int resource, rlim_t value) {
  ws_limits[resource].rlim_cur = value;
  ws_limits[resource].rlim_max = value;
}

static struct rlimit *ws_table(void) {
  if (!ws_limits_ready) {
    ws_limits_ready = 1;
    for (int r = 0; r < RLIMIT_NLIMITS; r++)
      ws_set_both(r, RLIM_INFINITY);
    ws_set_both(RLIMIT_NICE, 0); /* Linux's defaults */
    ws_set_both(RLIMIT_RTPRIO, 0);
    ws_limits[RLIMIT_NOFILE].rlim_cur = ws_limit(WS_SETTING_LIMITS_NOFILE_SOFT);
    ws_limits[RLIMIT_NOFILE].rlim_max = ws_limit(WS_SETTING_LIMITS_NOFILE_HARD);
    if (ws_limits[RLIMIT_NOFILE].rlim_cur > ws_limits[RLIMIT_NOFILE].rlim_max)
      ws_limits[RLIMIT_NOFILE].rlim_cur = ws_limits[RLIMIT_NOFILE].rlim_max;
    ws_set_both(RLIMIT_STACK, ws_stack_limit(WS_SETTING_LIMITS_STACK));
    ws_set_both(RLIMIT_AS, ws_limit(WS_SETTING_LIMITS_AS));
    ws_set_both(RLIMIT_DATA, ws_limit(WS_SETTING_LIMITS_DATA));
    ws_set_both(RLIMIT_CORE, ws_limit(WS_SETTING_LIMITS_CORE));
    ws_set_both(RLIMIT_CPU, ws_limit(WS_SETTING_LIMITS_CPU));
    ws_set_both(RLIMIT_FSIZE, ws_limit(WS_SETTING_LIMITS_FSIZE));
    ws_set_both(RLIMIT_NPROC, ws_limit(WS_SETTING_LIMITS_NPROC));
  }
  return ws_limits;
}

static int ws_get_limit(int resource, struct rlimit *rlim) {
  if (resource < 0 || resource >= RLIMIT_NLIMITS)
    return ws_fail(EINVAL);
  if (!rlim)
    return ws_fail(EFAULT);
  *rlim = ws_table()[resource];
  return 0;
}

static int ws_set_limit(int resource, const struct rlimit *rlim) {
  if (resource < 0 || resource >= RLIMIT_NLIMITS)
    return ws_fail(EINVAL);
  if (!rlim)
    return ws_fail(EFAULT);
  if (rlim->rlim_cur > rlim->rlim_max)
    return ws_fail(EINVAL);
  struct rlimit *slot = &ws_table()[resource];
  if (rlim->rlim_max > slot->rlim_max && ws_ids()->euid != 0)
    return ws_fail(EPERM);
  *slot = *rlim;
  return 0;
}

int WS_SYM(getrlimit)(int resource, struct rlimit *rlim) {
  WS_PROLOGUE(getrlimit);
  return ws_get_limit(resource, rlim);
}

int WS_SYM(setrlimit)(int resource, const struct rlimit *rlim) {
  WS_PROLOGUE(setrlimit);
  return ws_set_limit(resource, rlim);
}

int WS_SYM(prlimit)(pid_t pid, int resource, const struct rlimit *new_limit,
                    struct rlimit *old_limit) {
  WS_PROLOGUE(prlimit);
  if (pid != 0 && pid != ws_self_pid())
    return ws_fail(ESRCH);
  if (resource < 0 || resource >= RLIMIT_NLIMITS)
    return ws_fail(EINVAL);
  struct rlimit old = ws_table()[resource];
  if (new_limit && ws_set_limit(resource, new_limit) != 0)
    return -1;
  if (old_limit)
    *old_limit = old;
  return 0;
}

/* ---------------------------------------------------------------- times */

/* Nanoseconds of CPU time: the runtime's process clock (preview 1 only: preview 2 has none), else the base's
 * emulated clock() (nanoseconds since the program started, as its CLOCKS_PER_SEC of 10^9 says). A runtime
 * has the clock when it also knows its resolution: @bjorn3/browser_wasi_shim answers 0 for every clock it
 * lacks but fails clock_res_get for them. */
static uint64_t ws_cpu_ns(void) {
#ifndef WS_COMPONENT
  __wasi_timestamp_t t = 0, resolution = 0;
  if (__wasi_clock_res_get(__WASI_CLOCKID_PROCESS_CPUTIME_ID, &resolution) ==
          0 &&
      __wasi_clock_time_get(__WASI_CLOCKID_PROCESS_CPUTIME_ID, 1000, &t) == 0)
    return t;
#endif
  clock_t c = clock();
  if (c < 0)
    return 0;
  return (uint64_t)c * (1000000000ull / (uint64_t)CLOCKS_PER_SEC);
}

static long ws_ticks_per_second(void) {
  long tck = sysconf(_SC_CLK_TCK);
  return tck > 0 ? tck : 100;
}

static clock_t ws_ns_to_ticks(uint64_t ns) {
  return (clock_t)(ns / (1000000000ull / (uint64_t)ws_ticks_per_second()));
}

clock_t WS_SYM(times)(struct tms *buffer) {
  WS_PROLOGUE(times);
  if (buffer) {
    buffer->tms_utime = ws_ns_to_ticks(ws_cpu_ns());
    buffer->tms_stime = 0;
    buffer->tms_cutime = 0;
    buffer->tms_cstime = 0;
  }
  struct timespec now;
  if (clock_gettime(CLOCK_MONOTONIC, &now) != 0)
    return (clock_t)ws_fail(ENOSYS);
  return ws_ns_to_ticks((uint64_t)now.tv_sec * 1000000000ull +
                        (uint64_t)now.tv_nsec);
}

int WS_SYM(getrusage)(int who, struct rusage *usage) {
  WS_PROLOGUE(getrusage);
  if (who != RUSAGE_SELF && who != RUSAGE_CHILDREN && who != RUSAGE_THREAD)
    return ws_fail(EINVAL);
  if (!usage)
    return ws_fail(EFAULT);
  memset(usage, 0, sizeof *usage);
  if (who == RUSAGE_CHILDREN)
    return 0;
  uint64_t ns = ws_cpu_ns();
  usage->ru_utime.tv_sec = (time_t)(ns / 1000000000u);
  usage->ru_utime.tv_usec = (suseconds_t)(ns % 1000000000u / 1000u);
  /* Linear memory only grows, so its size now is the peak resident size, in KiB as on Linux. */
  usage->ru_maxrss = (long)(__builtin_wasm_memory_size(0) * 64u);
  return 0;
}

/* ---------------------------------------------------------------- interval timers */

int WS_SYM(setitimer)(int which, const struct itimerval *__restrict new_value,
                      struct itimerval *__restrict old_value) {
  (void)which;
  (void)new_value;
  (void)old_value;
  WS_PROLOGUE(setitimer);
  return ws_fail(ENOSYS);
}

int WS_SYM(getitimer)(int which, struct itimerval *curr_value) {
  (void)which;
  (void)curr_value;
  WS_PROLOGUE(getitimer);
  return ws_fail(ENOSYS);
}

unsigned WS_SYM(ualarm)(unsigned value, unsigned interval) {
  (void)value;
  (void)interval;
  WS_PROLOGUE(ualarm);
  errno = ENOSYS;
  return (unsigned)-1;
}
