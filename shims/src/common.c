/* area: shared helpers (every area): first-call logging, traps, behaviour names, the environment
 * overrides of policy values, and the emulated identity and process id that several areas read.
 * Messages go straight to fd 2 with write(2), so they neither depend on nor disturb stdio's buffers,
 * and errno is left as the caller had it.
 *
 * __wasi_shim_ids()/__wasi_shim_owner_uid()/__wasi_shim_owner_gid() and __wasi_shim_self_pid() live here rather than beside getuid and
 * getpid so that the stat wrappers and kill() do not drag identity.o or process.o into every link:
 * a program that defines, say, its own getuid stub must still link when it merely calls stat. */
#include "shim.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* One stderr line built from pieces, truncated (never overflowing) when it is unreasonably long. */
struct ws_line {
  char text[512];
  size_t len;
};

static void ws_line_add(struct ws_line *line, const char *s) {
  size_t room =
      sizeof line->text - 1 - line->len; /* keep one byte for the newline */
  size_t n = strlen(s);
  if (n > room)
    n = room;
  memcpy(line->text + line->len, s, n);
  line->len += n;
}

static void ws_line_write(struct ws_line *line) {
  int saved = errno;
  line->text[line->len++] = '\n';
  const char *p = line->text;
  size_t left = line->len;
  while (left > 0) {
    ssize_t n = write(2, p, left);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      break;
    p += n;
    left -= (size_t)n;
  }
  errno = saved;
}

void __wasi_shim_log_first_call(const char *function, const char *behaviour) {
  struct ws_line line = {.len = 0};
  ws_line_add(&line, "wasi-shim: ");
  ws_line_add(&line, function);
  ws_line_add(&line, " called (policy ");
  ws_line_add(&line, WS_POLICY_NAME);
  ws_line_add(&line, ": ");
  ws_line_add(&line, behaviour);
  ws_line_add(&line, ")");
  ws_line_write(&line);
}

_Noreturn void __wasi_shim_trap(const char *function) {
  struct ws_line line = {.len = 0};
  ws_line_add(&line, "wasi-shim: ");
  ws_line_add(&line, function);
  ws_line_add(&line, " trapped: policy ");
  ws_line_add(&line, WS_POLICY_NAME);
  ws_line_add(&line, " says this function must never be called");
  ws_line_write(&line);
  abort();
}

const char *__wasi_shim_behaviour_name(int behaviour) {
  switch (behaviour) {
  case WS_EMULATE:
    return "emulate";
  case WS_VALUE:
    return "value";
  case WS_ERROR:
    return "error";
  case WS_SUCCEED:
    return "succeed";
  case WS_TRAP:
    return "trap";
  default:
    return "unknown";
  }
}

/* Policy values are ids from 0 to 4294967295 (the catalog's range). `long` is 32 bits on wasm32, so
 * the value is parsed as long long, range-checked, and handed back in a long whose conversion to
 * uid_t/gid_t/pid_t gives the number back (as the generated WS_VALUE_ constants do). */
long __wasi_shim_value_from_env(const char *env, long fallback) {
  if (!env)
    return fallback;
  const char *text = getenv(env);
  if (!text || !*text)
    return fallback;
  int saved = errno;
  errno = 0;
  char *end = NULL;
  long long parsed = strtoll(text, &end, 10);
  int bad = errno != 0 || end == text || *end != '\0' || parsed < 0 ||
            parsed > 4294967295LL;
  errno = saved;
  if (bad)
    return fallback;
  return (long)(unsigned long)parsed;
}

const char *__wasi_shim_string_from_env(const char *env, const char *fallback) {
  if (!env)
    return fallback;
  const char *text = getenv(env);
  if (!text || !*text)
    return fallback;
  return text;
}

/* ---------------------------------------------------------------- emulated identity (identity area) */

/* NAME's policy value as TYPE, with its environment override. The value goes through TYPE first so a
 * uid above LONG_MAX (wasm32's long is 32 bits) reaches __wasi_shim_value_from_env without a constant overflow. */
#define WS_POLICY_ID(type, name)                                               \
  ((type)__wasi_shim_value_from_env(WS_ENV_##name, (long)(type)WS_VALUE_##name))

_Static_assert(WS_IDENTITY_GROUP_COUNT <=
                   (int)(sizeof((struct ws_ids *)0)->groups / sizeof(gid_t)),
               "the policy's identity has more supplementary groups than "
               "struct ws_ids keeps");

static struct ws_ids ws_state;
static int ws_state_ready;
static uid_t ws_owner_uid_value;
static gid_t ws_owner_gid_value;

struct ws_ids *__wasi_shim_ids(void) {
  if (!ws_state_ready) {
    static const gid_t groups[WS_IDENTITY_GROUP_COUNT + 1] = WS_IDENTITY_GROUPS;
    ws_state.ruid = WS_POLICY_ID(uid_t, getuid);
    ws_state.euid = ws_state.suid = WS_POLICY_ID(uid_t, geteuid);
    ws_state.rgid = WS_POLICY_ID(gid_t, getgid);
    ws_state.egid = ws_state.sgid = WS_POLICY_ID(gid_t, getegid);
    ws_state.ngroups = WS_IDENTITY_GROUP_COUNT;
    for (int i = 0; i < WS_IDENTITY_GROUP_COUNT; i++)
      ws_state.groups[i] = groups[i];
    ws_owner_uid_value = ws_state.ruid;
    ws_owner_gid_value = ws_state.rgid;
    ws_state_ready = 1;
  }
  return &ws_state;
}

uid_t __wasi_shim_owner_uid(void) {
  __wasi_shim_ids();
  return ws_owner_uid_value;
}

gid_t __wasi_shim_owner_gid(void) {
  __wasi_shim_ids();
  return ws_owner_gid_value;
}

/* ---------------------------------------------------------------- this process's id (process area) */

pid_t __wasi_shim_self_pid(void) {
  static pid_t pid;
  static int ready;
  if (!ready) {
    pid = WS_POLICY_ID(pid_t, getpid);
    ready = 1;
  }
  return pid;
}
