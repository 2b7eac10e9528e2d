/* area: shared helpers (every area): first-call logging, traps, behaviour names, the environment
 * overrides of policy values, and the emulated identity and process id that several areas read.
 * Messages go straight to fd 2 with write(2), so they neither depend on nor disturb stdio's buffers,
 * and errno is left as the caller had it.
 *
 * ws_ids()/__wasi_shim_owner_uid()/__wasi_shim_owner_gid() and ws_self_pid() live here rather than beside getuid and
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

/* crate::valid::parse_env_number's rule: the override counts only when it is exactly how the number
 * would be written (so " 5", "+5", "-0" and "05" are not numbers here) and lies in [min, max]. */
long long __wasi_shim_value_from_env(const char *env, long long fallback,
                                     long long min, long long max) {
  const char *text = env ? getenv(env) : 0;
  if (!text || !*text)
    return fallback;
  const char *digits = text;
  int negative = *digits == '-' && min < 0;
  if (negative)
    digits++;
  if (!*digits || (digits[0] == '0' && (digits[1] || negative)))
    return fallback;
  unsigned long long n = 0;
  for (const char *p = digits; *p; p++) {
    if (*p < '0' || *p > '9' || n > 922337203685477580ULL)
      return fallback; /* not a digit, or past LLONG_MAX's digits */
    n = n * 10 + (unsigned long long)(*p - '0');
  }
  if (n > 9223372036854775807ULL)
    return fallback;
  long long value = negative ? -(long long)n : (long long)n;
  return value < min || value > max ? fallback : value;
}

/* crate::valid::Name (WS_TEXT_RULE_NAME) or crate::valid::Text (WS_TEXT_RULE_TEXT). */
static int ws_text_valid(const char *text, int rule) {
  size_t len = strlen(text);
  if (rule == WS_TEXT_RULE_NAME)
    return len <= WS_NAME_MAX && text[0] != '-' &&
           strspn(text, WS_NAME_CHARS) == len;
  for (const unsigned char *p = (const unsigned char *)text; *p; p++)
    if (*p < 0x20 || *p == 0x7f)
      return 0;
  return 1;
}

const char *__wasi_shim_string_from_env(const char *env, const char *fallback,
                                        int rule) {
  const char *text = env ? getenv(env) : 0;
  if (!text || !*text || !ws_text_valid(text, rule))
    return fallback;
  return text;
}

/* ---------------------------------------------------------------- emulated identity (identity area) */

/* NAME's policy id as TYPE, with its environment override (the override's range is the id's own). */
#define WS_POLICY_ID(type, name) ((type)WS_ENV_NUMBER(name))

_Static_assert(WS_IDENTITY_GROUP_COUNT <=
                   (int)(sizeof((struct ws_ids *)0)->groups / sizeof(gid_t)),
               "the policy's identity has more supplementary groups than "
               "struct ws_ids keeps");

/* The policy's ids as constants, so a getter is one load; ws_ids() (shim.h) applies the environment
 * overrides a policy allows on first use, and only when it allows one. */
struct ws_ids __wasi_shim_id_state = {
    .ruid = (uid_t)WS_VALUE_getuid,
    .euid = (uid_t)WS_VALUE_geteuid,
    .suid = (uid_t)WS_VALUE_geteuid,
    .rgid = (gid_t)WS_VALUE_getgid,
    .egid = (gid_t)WS_VALUE_getegid,
    .sgid = (gid_t)WS_VALUE_getegid,
    .ngroups = WS_IDENTITY_GROUP_COUNT,
    .groups = WS_IDENTITY_GROUPS,
};
static uid_t ws_owner_uid_value = (uid_t)WS_VALUE_getuid;
static gid_t ws_owner_gid_value = (gid_t)WS_VALUE_getgid;

#if WS_IDS_FROM_ENV
int __wasi_shim_ids_ready;

struct ws_ids *__wasi_shim_ids_from_env(void) {
  struct ws_ids *ids = &__wasi_shim_id_state;
  ids->ruid = WS_POLICY_ID(uid_t, getuid);
  ids->euid = ids->suid = WS_POLICY_ID(uid_t, geteuid);
  ids->rgid = WS_POLICY_ID(gid_t, getgid);
  ids->egid = ids->sgid = WS_POLICY_ID(gid_t, getegid);
  ws_owner_uid_value = ids->ruid;
  ws_owner_gid_value = ids->rgid;
  __wasi_shim_ids_ready = 1;
  return ids;
}
#endif

uid_t __wasi_shim_owner_uid(void) {
  (void)ws_ids();
  return ws_owner_uid_value;
}

gid_t __wasi_shim_owner_gid(void) {
  (void)ws_ids();
  return ws_owner_gid_value;
}

/* ---------------------------------------------------------------- this process's id and its parent's (process area) */

#if WS_HAS_ENV_getpid
pid_t __wasi_shim_self_pid_from_env(void) {
  static pid_t pid;
  static int ready;
  if (!ready) {
    pid = WS_POLICY_ID(pid_t, getpid);
    ready = 1;
  }
  return pid;
}
#endif

#if WS_HAS_ENV_getppid
pid_t __wasi_shim_parent_pid_from_env(void) {
  static pid_t ppid;
  static int ready;
  if (!ready) {
    ppid = WS_POLICY_ID(pid_t, getppid);
    ready = 1;
  }
  return ppid;
}
#endif
