/* area: descriptors — duplication, pipes, FIFOs and device nodes, and advisory locks.
 *
 * WASI preview 1 cannot duplicate a descriptor (fd_renumber moves one, closing its source), create
 * a pipe, or make a FIFO or device node, so those fail honestly. The exceptions are the calls POSIX
 * defines without a duplicate: dup2(fd, fd) returns fd when it is open, and dup3(fd, fd, flags) is
 * EINVAL, under every behaviour but trap. Advisory locks (flock, lockf) only exclude other
 * processes; a single-process sandbox has none, so emulate grants every lock at once after checking
 * the descriptor as the real calls do; fcntl wraps the base's to add the record-lock commands. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1 /* dup3, pipe2 */
#endif
#include "shim.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* The descriptor's F_GETFL flags, or -1 with errno EBADF when it is not open. */
static int ws_fd_flags(int fd) {
  if (fd < 0) {
    return ws_fail(EBADF);
  }
  return fcntl(fd, F_GETFL);
}

/* ---------------------------------------------------------------- duplication */

int WS_SYM(dup)(int fd) {
  WS_PROLOGUE(dup);
  (void)fd;
  errno = WS_ERRNO_dup;
  return WS_FAILURE_dup;
}

int WS_SYM(dup2)(int fd, int fd2) {
  WS_LOG_AND_TRAP(dup2);
  if (fd ==
      fd2) /* POSIX: no duplicate needed; fd when it is open, EBADF otherwise */
    return ws_fd_flags(fd) < 0 ? -1 : fd;
  errno = WS_ERRNO_dup2;
  return WS_FAILURE_dup2;
}

int WS_SYM(dup3)(int fd, int fd2, int flags) {
  WS_LOG_AND_TRAP(dup3);
  (void)flags;
  if (fd == fd2) { /* Linux and POSIX 2024: EINVAL */
    return ws_fail(EINVAL);
  }
  errno = WS_ERRNO_dup3;
  return WS_FAILURE_dup3;
}

/* ---------------------------------------------------------------- pipes, FIFOs, device nodes */

int WS_SYM(pipe)(int fd[2]) {
  WS_PROLOGUE(pipe);
  (void)fd;
  errno = WS_ERRNO_pipe;
  return WS_FAILURE_pipe;
}

int WS_SYM(pipe2)(int fd[2], int flag) {
  WS_PROLOGUE(pipe2);
  (void)fd, (void)flag;
  errno = WS_ERRNO_pipe2;
  return WS_FAILURE_pipe2;
}

int WS_SYM(mkfifo)(const char *path, mode_t mode) {
  WS_PROLOGUE(mkfifo);
  (void)path, (void)mode;
  errno = WS_ERRNO_mkfifo;
  return WS_FAILURE_mkfifo;
}

int WS_SYM(mkfifoat)(int fd, const char *path, mode_t mode) {
  WS_PROLOGUE(mkfifoat);
  (void)fd, (void)path, (void)mode;
  errno = WS_ERRNO_mkfifoat;
  return WS_FAILURE_mkfifoat;
}

int WS_SYM(mknod)(const char *path, mode_t mode, dev_t dev) {
  WS_PROLOGUE(mknod);
  (void)path, (void)mode, (void)dev;
  errno = WS_ERRNO_mknod;
  return WS_FAILURE_mknod;
}

int WS_SYM(mknodat)(int fd, const char *path, mode_t mode, dev_t dev) {
  WS_PROLOGUE(mknodat);
  (void)fd, (void)path, (void)mode, (void)dev;
  errno = WS_ERRNO_mknodat;
  return WS_FAILURE_mknodat;
}

/* ---------------------------------------------------------------- advisory locks: granted at once */

int WS_SYM(flock)(int fd, int op) {
  WS_PROLOGUE(flock);
  if (ws_fd_flags(fd) < 0)
    return -1;
  int kind = op & ~LOCK_NB;
  if (kind != LOCK_SH && kind != LOCK_EX && kind != LOCK_UN) {
    return ws_fail(EINVAL);
  }
  return 0; /* no other process exists to hold a conflicting lock, so LOCK_NB never matters */
}

int WS_SYM(lockf)(int fd, int cmd, off_t len) {
  WS_PROLOGUE(lockf);
  (void)len;
  int flags;
  switch (cmd) {
  case F_LOCK:
  case F_TLOCK:
    /* POSIX: EBADF unless open for writing */
    if ((flags = ws_fd_flags(fd)) < 0)
      return -1;
    if ((flags & O_ACCMODE) != O_WRONLY && (flags & O_ACCMODE) != O_RDWR) {
      return ws_fail(EBADF);
    }
    return 0;
  case F_ULOCK:
  case F_TEST: /* nothing else can hold a lock */
    return ws_fd_flags(fd) < 0 ? -1 : 0;
  default:
    return ws_fail(EINVAL);
  }
}

/* ---------------------------------------------------------------- fcntl record locks */

int __real_fcntl(int fd, int cmd, ...);

static int ws_record_lock(int fd, int cmd, struct flock *lock) {
  int flags = ws_fd_flags(fd);
  if (flags < 0)
    return -1;
  if (!lock)
    return ws_fail(EFAULT);
  if (lock->l_whence != SEEK_SET && lock->l_whence != SEEK_CUR &&
      lock->l_whence != SEEK_END)
    return ws_fail(EINVAL);
  int access = flags & O_ACCMODE;
  switch (lock->l_type) {
  case F_RDLCK:
    if (cmd != F_GETLK && cmd != F_OFD_GETLK && access != O_RDONLY &&
        access != O_RDWR)
      return ws_fail(
          EBADF); /* POSIX: a read lock needs the fd open for reading */
    break;
  case F_WRLCK:
    if (cmd != F_GETLK && cmd != F_OFD_GETLK && access != O_WRONLY &&
        access != O_RDWR)
      return ws_fail(EBADF); /* and a write lock open for writing */
    break;
  case F_UNLCK:
    if (cmd == F_GETLK || cmd == F_OFD_GETLK)
      return ws_fail(
          EINVAL); /* as Linux: F_GETLK asks about a lock, not an unlock */
    break;
  default:
    return ws_fail(EINVAL);
  }
  if (cmd == F_GETLK || cmd == F_OFD_GETLK)
    lock->l_type =
        F_UNLCK; /* no other process exists to hold a conflicting lock */
  return 0;
}

int WS_SYM(fcntl)(int fd, int cmd, ...) {
  WS_PROLOGUE(fcntl);
  va_list ap;
  va_start(ap, cmd);
  int result;
  switch (cmd) {
  case F_GETLK:
  case F_SETLK:
  case F_SETLKW:
  case F_OFD_GETLK:
  case F_OFD_SETLK:
  case F_OFD_SETLKW:
    result = ws_record_lock(fd, cmd, va_arg(ap, struct flock *));
    break;
  case F_GETFD:
  case F_GETFL:
    result =
        __real_fcntl(fd, cmd); /* these take no argument: none may be read */
    break;
  default:
    result = __real_fcntl(fd, cmd, va_arg(ap, int));
    break;
  }
  va_end(ap);
  return result;
}
