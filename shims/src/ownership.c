/* area: identity — file ownership. The stat family wraps the base's (wasm-ld --wrap=NAME sends calls
 * to __wrap_NAME, defined here through WS_SYM, and __real_NAME to the base's definition), then reports
 * the owner 0:0 that wasi-libc gives every file as the identity's initial uid and gid, so that the
 * sandbox user owns its files (when that identity is root that part changes nothing), and reports
 * the permission bits chmod recorded (modes.c). */
#include "shim.h"

#include <sys/stat.h>

int __real_stat(const char *__restrict path, struct stat *__restrict st);
int __real_lstat(const char *__restrict path, struct stat *__restrict st);
int __real_fstat(int fd, struct stat *st);
int __real_fstatat(int fd, const char *__restrict path,
                   struct stat *__restrict st, int flags);

static int ws_owned(int result, struct stat *st) {
  if (result == 0 && st)
    __wasi_shim_apply_recorded_mode(st);
  if (result == 0 && st && st->st_uid == 0 && st->st_gid == 0) {
    uid_t owner = __wasi_shim_owner_uid();
    if (owner != 0) {
      st->st_uid = owner;
      st->st_gid = __wasi_shim_owner_gid();
    }
  }
  return result;
}

int WS_SYM(stat)(const char *__restrict path, struct stat *__restrict st) {
  WS_PROLOGUE(stat);
  return ws_owned(__real_stat(path, st), st);
}

int WS_SYM(lstat)(const char *__restrict path, struct stat *__restrict st) {
  WS_PROLOGUE(lstat);
  return ws_owned(__real_lstat(path, st), st);
}

int WS_SYM(fstat)(int fd, struct stat *st) {
  WS_PROLOGUE(fstat);
  return ws_owned(__real_fstat(fd, st), st);
}

int WS_SYM(fstatat)(int fd, const char *__restrict path,
                    struct stat *__restrict st, int flags) {
  WS_PROLOGUE(fstatat);
  return ws_owned(__real_fstatat(fd, path, st, flags), st);
}
