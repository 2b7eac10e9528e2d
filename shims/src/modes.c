/* area: modes — the file mode creation mask, permission bits, ownership and chroot.
 *
 * WASI preview 1 has no permission bits and no owners, and the stat family reports every file as
 * owned by the policy's user (ownership.c). The emulations check what POSIX would check first (the
 * path or descriptor exists, the caller may act on the file), then succeed without changing
 * anything on disk; a mode set by chmod, or asked for when open or mkdir created the file (less the
 * umask), is remembered and reported by the stat family. wasi-libc 2024 defines chmod, fchmod and fchmodat as ENOSYS stubs in a member
 * with many other functions, so ours replace them through --wrap (WS_SYM names the symbol). */
#include "shim.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---------------------------------------------------------------- umask */

static mode_t ws_umask = 022;

mode_t WS_SYM(umask)(mode_t mask) {
  WS_PROLOGUE(umask);
  mode_t old = ws_umask;
  ws_umask = mask & 0777;
  return old;
}

/* ---------------------------------------------------------------- permission bits */

/* WASI has no permission bits, so a mode set here is remembered for the life of the process and the
 * stat family reports it: chmod then stat round-trips, as umask does. A record is keyed by device,
 * inode and change time, so a new file reusing the inode of a deleted one does not inherit it
 * (wasmtime reports the birth time there; a runtime reporting a real ctime also drops it on writes). */
/* Enough for a test suite's temporary files; stat scans the records, so the table stays small. */
#define WS_MAX_MODE_RECORDS 4096

struct ws_mode_record {
  dev_t dev;
  ino_t ino;
  struct timespec ctime;
  mode_t mode;
};
static struct ws_mode_record *ws_modes;
static size_t ws_mode_count, ws_mode_capacity;

static int ws_same_file(const struct ws_mode_record *r, const struct stat *st) {
  return r->dev == st->st_dev && r->ino == st->st_ino &&
         r->ctime.tv_sec == st->st_ctim.tv_sec &&
         r->ctime.tv_nsec == st->st_ctim.tv_nsec;
}

static void ws_record_mode(const struct stat *st, mode_t mode) {
  for (size_t i = 0; i < ws_mode_count; i++) {
    if (ws_modes[i].dev == st->st_dev && ws_modes[i].ino == st->st_ino) {
      ws_modes[i].ctime = st->st_ctim;
      ws_modes[i].mode = mode & 07777;
      return;
    }
  }
  if (ws_mode_count == WS_MAX_MODE_RECORDS) {
    /* Full: forget the oldest record, whose file then reports the host's mode again. */
    memmove(ws_modes, ws_modes + 1, (ws_mode_count - 1) * sizeof *ws_modes);
    ws_mode_count--;
  }
  if (ws_mode_count == ws_mode_capacity) {
    size_t capacity = ws_mode_capacity ? ws_mode_capacity * 2 : 16;
    struct ws_mode_record *grown = realloc(ws_modes, capacity * sizeof *grown);
    if (!grown)
      return; /* out of memory: the mode is not remembered, as on a filesystem without modes */
    ws_modes = grown;
    ws_mode_capacity = capacity;
  }
  ws_modes[ws_mode_count++] = (struct ws_mode_record){
      st->st_dev, st->st_ino, st->st_ctim, mode & 07777};
}

void __wasi_shim_apply_recorded_mode(struct stat *st) {
  for (size_t i = 0; i < ws_mode_count; i++) {
    if (ws_same_file(&ws_modes[i], st)) {
      st->st_mode = (st->st_mode & S_IFMT) | ws_modes[i].mode;
      return;
    }
  }
  if ((st->st_mode & 07777) == 0) {
    /* WASI preview 1 has no permission bits: report what a umask-022 owner's files show, since
         * the runtime lets the sandbox read and write what it reaches (see the catalog's stat). */
    mode_t type = st->st_mode & S_IFMT;
    st->st_mode |= type == S_IFDIR ? 0755 : type == S_IFLNK ? 0777 : 0644;
  }
}

/* After a successful stat: may the effective user change this file's mode? Root, or its owner. */
static int ws_may_chmod(const struct stat *st) {
  uid_t euid = ws_ids()->euid;
  if (euid != 0 && euid != st->st_uid)
    return ws_fail(EPERM);
  return 0;
}

static int ws_chmod_checked(const struct stat *st, mode_t mode) {
  if (ws_may_chmod(st) != 0)
    return -1;
  ws_record_mode(st, mode);
  return 0;
}

static int ws_chmod_at(int fd, const char *path, mode_t mode, int flag) {
  if (flag & ~AT_SYMLINK_NOFOLLOW)
    return ws_fail(EINVAL);
  struct stat st;
  if (fstatat(fd, path, &st, flag) != 0)
    return -1;
  return ws_chmod_checked(&st, mode);
}

int WS_SYM(chmod)(const char *path, mode_t mode) {
  WS_PROLOGUE(chmod);
  return ws_chmod_at(AT_FDCWD, path, mode, 0);
}

int WS_SYM(fchmod)(int fd, mode_t mode) {
  WS_PROLOGUE(fchmod);
  struct stat st;
  if (fstat(fd, &st) != 0)
    return -1;
  return ws_chmod_checked(&st, mode);
}

int WS_SYM(fchmodat)(int fd, const char *path, mode_t mode, int flag) {
  WS_PROLOGUE(fchmodat);
  return ws_chmod_at(fd, path, mode, flag);
}

int WS_SYM(lchmod)(const char *path, mode_t mode) {
  WS_PROLOGUE(lchmod);
  return ws_chmod_at(AT_FDCWD, path, mode, AT_SYMLINK_NOFOLLOW);
}

/* ---------------------------------------------------------------- creation modes */

/* open, openat, mkdir and mkdirat wrap the base's: a file or directory they create is remembered
 * with the mode asked for, less the umask, as a POSIX system would create it. */
int __real_open(const char *path, int flags, ...);
int __real_openat(int fd, const char *path, int flags, ...);
int __real_mkdir(const char *path, mode_t mode);
int __real_mkdirat(int fd, const char *path, mode_t mode);

static void ws_record_created(int dirfd, const char *path, int fd,
                              mode_t mode) {
  struct stat st;
  if ((fd >= 0 ? fstat(fd, &st)
               : fstatat(dirfd, path, &st, AT_SYMLINK_NOFOLLOW)) == 0)
    ws_record_mode(&st, mode & ~ws_umask);
}

static int ws_open_at(int dirfd, const char *path, int flags, mode_t mode) {
  if (!(flags & O_CREAT))
    return dirfd == AT_FDCWD ? __real_open(path, flags)
                             : __real_openat(dirfd, path, flags);
  struct stat before;
  int existed = fstatat(dirfd, path, &before, 0) == 0;
  int fd = dirfd == AT_FDCWD ? __real_open(path, flags, mode)
                             : __real_openat(dirfd, path, flags, mode);
  if (fd >= 0 && !existed)
    ws_record_created(dirfd, path, fd, mode);
  return fd;
}

int WS_SYM(open)(const char *path, int flags, ...) {
  WS_PROLOGUE(open);
  mode_t mode = 0;
  if (flags &
      O_CREAT) { /* the mode argument exists only then, and may be read only then */
    va_list ap;
    va_start(ap, flags);
    mode = va_arg(ap, mode_t);
    va_end(ap);
  }
  return ws_open_at(AT_FDCWD, path, flags, mode);
}

int WS_SYM(openat)(int dirfd, const char *path, int flags, ...) {
  WS_PROLOGUE(openat);
  mode_t mode = 0;
  if (flags & O_CREAT) {
    va_list ap;
    va_start(ap, flags);
    mode = va_arg(ap, mode_t);
    va_end(ap);
  }
  return ws_open_at(dirfd, path, flags, mode);
}

int WS_SYM(mkdir)(const char *path, mode_t mode) {
  WS_PROLOGUE(mkdir);
  int result = __real_mkdir(path, mode);
  if (result == 0)
    ws_record_created(AT_FDCWD, path, -1, mode);
  return result;
}

int WS_SYM(mkdirat)(int dirfd, const char *path, mode_t mode) {
  WS_PROLOGUE(mkdirat);
  int result = __real_mkdirat(dirfd, path, mode);
  if (result == 0)
    ws_record_created(dirfd, path, -1, mode);
  return result;
}

/* ---------------------------------------------------------------- ownership */

/* After a successful stat: root may give the file any ids (not recorded); anyone else only the ids
 * it already has, which changes nothing. */
static int ws_may_chown(const struct stat *st, uid_t owner, gid_t group) {
  if (ws_ids()->euid == 0)
    return 0;
  if (owner != (uid_t)-1 && owner != st->st_uid)
    return ws_fail(EPERM);
  if (group != (gid_t)-1 && group != st->st_gid)
    return ws_fail(EPERM);
  return 0;
}

static int ws_chown_at(int fd, const char *path, uid_t owner, gid_t group,
                       int flag) {
  if (flag & ~AT_SYMLINK_NOFOLLOW)
    return ws_fail(EINVAL);
  struct stat st;
  if (fstatat(fd, path, &st, flag) != 0)
    return -1;
  return ws_may_chown(&st, owner, group);
}

int WS_SYM(chown)(const char *path, uid_t owner, gid_t group) {
  WS_PROLOGUE(chown);
  return ws_chown_at(AT_FDCWD, path, owner, group, 0);
}

int WS_SYM(fchown)(int fd, uid_t owner, gid_t group) {
  WS_PROLOGUE(fchown);
  struct stat st;
  if (fstat(fd, &st) != 0)
    return -1;
  return ws_may_chown(&st, owner, group);
}

int WS_SYM(lchown)(const char *path, uid_t owner, gid_t group) {
  WS_PROLOGUE(lchown);
  return ws_chown_at(AT_FDCWD, path, owner, group, AT_SYMLINK_NOFOLLOW);
}

int WS_SYM(fchownat)(int fd, const char *path, uid_t owner, gid_t group,
                     int flag) {
  WS_PROLOGUE(fchownat);
  return ws_chown_at(fd, path, owner, group, flag);
}

/* ---------------------------------------------------------------- chroot */

int WS_SYM(chroot)(const char *path) {
  (void)path;
  WS_PROLOGUE(chroot);
  return ws_fail(EPERM);
}
