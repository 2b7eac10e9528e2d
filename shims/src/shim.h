/* wasi-shim internals: the behaviour switch every stub starts with, and helpers shared by all areas.
 *
 * Each stub is written once, for every behaviour its catalog row allows, and compiled against a
 * generated `wasi_shim_policy.h` that fixes, per function NAME:
 *   WS_BEHAVIOUR_NAME  WS_EMULATE | WS_VALUE | WS_ERROR | WS_SUCCEED | WS_TRAP
 *   WS_ERRNO_NAME      errno set (or returned, for _r functions) by the error behaviour
 *   WS_LOG_NAME        1 to print one stderr line the first time NAME runs
 *   WS_FAILURE_NAME    what the error behaviour returns (empty for void functions)
 *   WS_SUCCESS_NAME    what the succeed behaviour returns
 *   WS_SYMBOL_NAME     the symbol defined: NAME, or __wrap_NAME when it wraps the base's NAME
 *   WS_VALUE_NAME      the policy value a value behaviour returns (value functions only)
 *   WS_ENV_NAME        environment variable overriding that value once, or 0
 * plus the policy's identity, user and group databases and process ids (WS_IDENTITY_*, WS_USERS,
 * WS_GROUPS, WS_PROCESS_*). Branches on these constants fold away at compile time.
 */
#ifndef WASI_SHIM_SHIM_H
#define WASI_SHIM_SHIM_H

#include <errno.h>
#include <stddef.h>
#include <sys/types.h>

/* WS_COMPONENT: the component target (wasm32-wasip2). clang 20 and later define __wasip2__; clang 19 does not,
 * and wasi-libc's preview 2 headers of 2024 say so with __wasilibc_use_wasip2 instead. Upstream wasi-libc
 * main's wasm32-wasip2 has no preview 1 calls (<wasi/api.h>'s __wasi_* functions): code for both targets uses
 * libc's, or each target's own under this switch. */
#if __has_include(<__wasi_snapshot.h>)
#include <__wasi_snapshot.h>
#endif
#if defined(__wasip2__) || defined(__wasilibc_use_wasip2)
#define WS_COMPONENT 1
#endif

#define WS_EMULATE 1
#define WS_VALUE 2
#define WS_ERROR 3
#define WS_SUCCEED 4
#define WS_TRAP 5

#include "wasi_shim_policy.h"

/* The symbol a stub defines: `uid_t WS_SYM(getuid)(void) { ... }`. Weak, because a program that
 * brings its own (CPython's AC_REPLACE_FUNCS dup2.c after configure said no) must win over ours
 * rather than clash with the other functions in the same archive member. */
#define WS_SYM(name) __attribute__((__weak__)) WS_SYMBOL_##name

void __wasi_shim_log_first_call(const char *function, const char *behaviour);
_Noreturn void __wasi_shim_trap(const char *function);
const char *__wasi_shim_behaviour_name(int behaviour);

/* The prologue family. Every stub starts with one of them; each is the one before it plus more.
 *
 * WS_LOG_AND_TRAP: the first-call log line, then the trap. For the calls that answer some
 * arguments before their error behaviour (dup2(fd, fd) is fd under every behaviour but trap). */
#define WS_LOG_AND_TRAP(name)                                                  \
  do {                                                                         \
    if (WS_LOG_##name) {                                                       \
      static int ws_logged;                                                    \
      if (!ws_logged) {                                                        \
        ws_logged = 1;                                                         \
        __wasi_shim_log_first_call(                                            \
            #name, __wasi_shim_behaviour_name(WS_BEHAVIOUR_##name));           \
      }                                                                        \
    }                                                                          \
    if (WS_BEHAVIOUR_##name == WS_TRAP)                                        \
      __wasi_shim_trap(#name);                                                 \
  } while (0)

/* WS_PROLOGUE: logging, the trap, and every behaviour that needs no function-specific code
 * (error sets errno and returns the failure value; succeed returns the success value). */
#define WS_PROLOGUE(name)                                                      \
  do {                                                                         \
    WS_LOG_AND_TRAP(name);                                                     \
    if (WS_BEHAVIOUR_##name == WS_ERROR) {                                     \
      errno = WS_ERRNO_##name;                                                 \
      return WS_FAILURE_##name;                                                \
    }                                                                          \
    if (WS_BEHAVIOUR_##name == WS_SUCCEED)                                     \
      return WS_SUCCESS_##name;                                                \
  } while (0)

/* WS_RETURNING_PROLOGUE: for functions that return an error number and leave errno alone
 * (posix_spawn and its helpers): every behaviour but emulate returns WS_ERRNO_name. */
#define WS_RETURNING_PROLOGUE(name)                                            \
  do {                                                                         \
    WS_LOG_AND_TRAP(name);                                                     \
    if (WS_BEHAVIOUR_##name != WS_EMULATE)                                     \
      return WS_ERRNO_##name;                                                  \
  } while (0)

struct stat;
/* modes.c: replace st's permission bits with the ones chmod recorded for that file, if any. */
void __wasi_shim_apply_recorded_mode(struct stat *st);

/* Set errno and return -1: the failure of most POSIX calls. */
static inline int ws_fail(int error) {
  errno = error;
  return -1;
}

/* A numeric policy value, overridden from the environment variable `env` (0 for none) when it holds a
 * value that passes the policy's own rule for it: canonical decimal (no sign, space or leading zero;
 * `-` only where `min` is negative) from `min` to `max`, as crate::valid::parse_env_number says. */
long long __wasi_shim_value_from_env(const char *env, long long fallback,
                                     long long min, long long max);
/* A string policy value, overridden from `env` (0 for none) when set, non-empty and valid by `rule`:
 * WS_TEXT_RULE_NAME (a user name: WS_NAME_CHARS, at most WS_NAME_MAX, no leading `-`) or
 * WS_TEXT_RULE_TEXT (one line without control characters), crate::valid's Name and Text. */
const char *__wasi_shim_string_from_env(const char *env, const char *fallback,
                                        int rule);
#define WS_TEXT_RULE_TEXT 0
#define WS_TEXT_RULE_NAME 1

/* NAME's policy value with its environment override, by the rule the policy header gives NAME
 * (WS_MIN_NAME/WS_MAX_NAME for numbers, WS_TEXT_RULE_NAME for strings). */
#define WS_ENV_NUMBER(name)                                                    \
  __wasi_shim_value_from_env(WS_ENV_##name, (long long)WS_VALUE_##name,        \
                             WS_MIN_##name, WS_MAX_##name)
#define WS_ENV_STRING(name)                                                    \
  __wasi_shim_string_from_env(WS_ENV_##name, WS_VALUE_##name,                  \
                              WS_TEXT_RULE_##name)

/* ---- identity state shared by identity.c, userdb.c and the stat wrappers */
struct ws_ids {
  uid_t ruid, euid, suid;
  gid_t rgid, egid, sgid;
  int ngroups;
  gid_t
      groups[WS_MAX_GROUPS]; /* the policy header's, from policy::MAX_GROUPS */
};
/* The process's emulated ids (common.c): the policy's, as constants. */
extern struct ws_ids __wasi_shim_id_state;
/* Whether the policy lets the environment override an id: only then do the ids need a run-time start. */
#define WS_IDS_FROM_ENV                                                        \
  (WS_HAS_ENV_getuid || WS_HAS_ENV_geteuid || WS_HAS_ENV_getgid ||             \
   WS_HAS_ENV_getegid)
/* ws_ids(): the ids, with the policy's environment overrides applied on first use. Without overrides it is
 * the address of a constant-initialised global, so getuid is one load (issue 14: a plain call's cost). */
#if WS_IDS_FROM_ENV
extern int __wasi_shim_ids_ready;
struct ws_ids *__wasi_shim_ids_from_env(void);
#define ws_ids()                                                               \
  (__wasi_shim_ids_ready ? &__wasi_shim_id_state : __wasi_shim_ids_from_env())
#else
#define ws_ids() (&__wasi_shim_id_state)
#endif
/* The uid/gid every file appears owned by: the identity's initial real ids. */
uid_t __wasi_shim_owner_uid(void);
gid_t __wasi_shim_owner_gid(void);

/* ---- policy databases, as the generated header lays them out */
struct ws_user {
  const char *name, *passwd;
  uid_t uid;
  gid_t gid;
  const char *gecos, *home, *shell;
};
struct ws_group {
  const char *name, *passwd;
  gid_t gid;
  const char *const *members; /* NULL-terminated */
};
extern const struct ws_user __wasi_shim_users[];
extern const int __wasi_shim_user_count;
extern const struct ws_group __wasi_shim_groups[];
extern const int __wasi_shim_group_count;

/* ---- process ids */
/* ws_self_pid(): the policy's pid, a constant unless the environment may override it (then read once, in
 * common.c). */
#if WS_HAS_ENV_getpid
pid_t __wasi_shim_self_pid_from_env(void);
#define ws_self_pid() __wasi_shim_self_pid_from_env()
#else
#define ws_self_pid() ((pid_t)WS_VALUE_getpid)
#endif
/* ws_parent_pid(): the policy's parent pid, likewise; kill and sigqueue take it for a process that exists
 * (beside init) and that this one may not signal, so they agree with getppid. */
#if WS_HAS_ENV_getppid
pid_t __wasi_shim_parent_pid_from_env(void);
#define ws_parent_pid() __wasi_shim_parent_pid_from_env()
#else
#define ws_parent_pid() ((pid_t)WS_VALUE_getppid)
#endif

#endif
