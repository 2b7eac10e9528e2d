/* area: modes — the file mode creation mask, permission bits, ownership and chroot.
 *
 * WASI preview 1 has no permission bits and no owners, and the stat family reports every file as
 * owned by the policy's user (ownership.c). The emulations check what POSIX would check first (the
 * path or descriptor exists, the caller may act on the file), then succeed without changing
 * anything on disk. wasi-libc 2024 defines chmod, fchmod and fchmodat as ENOSYS stubs in a member
 * with many other functions, so ours replace them through --wrap (WS_SYM names the symbol). */
#include "shim.h"

#include <errno.h>
#include <fcntl.h>
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

/* After a successful stat: may the effective user change this file's mode? Root, or its owner. */
static int ws_may_chmod(const struct stat *st) {
    uid_t euid = ws_ids()->euid;
    if (euid != 0 && euid != st->st_uid)
        return ws_fail(EPERM);
    return 0;
}

static int ws_chmod_at(int fd, const char *path, int flag) {
    if (flag & ~AT_SYMLINK_NOFOLLOW)
        return ws_fail(EINVAL);
    struct stat st;
    if (fstatat(fd, path, &st, flag) != 0)
        return -1;
    return ws_may_chmod(&st);
}

int WS_SYM(chmod)(const char *path, mode_t mode) {
    (void)mode;
    WS_PROLOGUE(chmod);
    return ws_chmod_at(AT_FDCWD, path, 0);
}

int WS_SYM(fchmod)(int fd, mode_t mode) {
    (void)mode;
    WS_PROLOGUE(fchmod);
    struct stat st;
    if (fstat(fd, &st) != 0)
        return -1;
    return ws_may_chmod(&st);
}

int WS_SYM(fchmodat)(int fd, const char *path, mode_t mode, int flag) {
    (void)mode;
    WS_PROLOGUE(fchmodat);
    return ws_chmod_at(fd, path, flag);
}

int WS_SYM(lchmod)(const char *path, mode_t mode) {
    (void)mode;
    WS_PROLOGUE(lchmod);
    return ws_chmod_at(AT_FDCWD, path, AT_SYMLINK_NOFOLLOW);
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

static int ws_chown_at(int fd, const char *path, uid_t owner, gid_t group, int flag) {
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

int WS_SYM(fchownat)(int fd, const char *path, uid_t owner, gid_t group, int flag) {
    WS_PROLOGUE(fchownat);
    return ws_chown_at(fd, path, owner, group, flag);
}

/* ---------------------------------------------------------------- chroot */

int WS_SYM(chroot)(const char *path) {
    (void)path;
    WS_PROLOGUE(chroot);
    return ws_fail(EPERM);
}
