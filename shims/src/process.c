/* area: process — this process's id and its parent's, fixed by the policy (each overridable once
 * from the environment variable the policy names). getpid answers ws_self_pid() (common.c), which
 * the signals area also uses to recognise this process, even when getpid itself is made to fail.
 *
 * A WASI process is alone: it leads its own process group and session, has no children, cannot
 * create processes or replace its image, and has no shell. So fork, exec*, popen and posix_spawn
 * fail honestly, the wait family answers ECHILD, and the group and session calls answer as POSIX
 * does for a group leader. The posix_spawn attribute and file-action functions really build their
 * data (musl's layouts), and a nice value is kept in process for nice/getpriority/setpriority. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1 /* vfork, execvpe, wait3, wait4 */
#endif
#include "shim.h"

#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

pid_t WS_SYM(getpid)(void) {
  WS_PROLOGUE(getpid);
  return ws_self_pid();
}

pid_t WS_SYM(getppid)(void) {
  WS_PROLOGUE(getppid);
  return ws_parent_pid();
}

/* ---------------------------------------------------------------- process groups and sessions
 * The only process leads its own process group and its own session: both ids are its pid. */

static int ws_is_self(pid_t pid) { return pid == 0 || pid == ws_self_pid(); }

pid_t WS_SYM(getpgrp)(void) {
  WS_PROLOGUE(getpgrp);
  return ws_self_pid();
}

pid_t WS_SYM(getpgid)(pid_t pid) {
  WS_PROLOGUE(getpgid);
  if (!ws_is_self(pid)) {
    return ws_fail(ESRCH);
  }
  return ws_self_pid();
}

/* setpgid without the prologue, for setpgrp. */
static int ws_setpgid(pid_t pid, pid_t pgid) {
  if (pgid < 0) {
    return ws_fail(EINVAL);
  }
  if (!ws_is_self(pid)) {
    return ws_fail(ESRCH);
  }
  if (!ws_is_self(pgid)) {
    errno = EPERM; /* no process group with that id exists */
    return -1;
  }
  return 0;
}

int WS_SYM(setpgid)(pid_t pid, pid_t pgid) {
  WS_PROLOGUE(setpgid);
  return ws_setpgid(pid, pgid);
}

pid_t WS_SYM(setpgrp)(void) {
  WS_PROLOGUE(setpgrp);
  return ws_setpgid(0, 0);
}

pid_t WS_SYM(getsid)(pid_t pid) {
  WS_PROLOGUE(getsid);
  if (!ws_is_self(pid)) {
    return ws_fail(ESRCH);
  }
  return ws_self_pid();
}

pid_t WS_SYM(setsid)(void) {
  WS_PROLOGUE(setsid);
  errno = EPERM; /* POSIX: the caller already leads a process group */
  return -1;
}

/* ---------------------------------------------------------------- fork and exec: always fail */

pid_t WS_SYM(fork)(void) {
  WS_PROLOGUE(fork);
  errno = WS_ERRNO_fork;
  return WS_FAILURE_fork;
}

pid_t WS_SYM(vfork)(void) {
  WS_PROLOGUE(vfork);
  errno = WS_ERRNO_vfork;
  return WS_FAILURE_vfork;
}

pid_t WS_SYM(_Fork)(void) {
  WS_PROLOGUE(_Fork);
  errno = WS_ERRNO__Fork;
  return WS_FAILURE__Fork;
}

int WS_SYM(daemon)(int nochdir, int noclose) {
  WS_PROLOGUE(daemon);
  (void)nochdir,
      (void)noclose; /* nothing is changed: the fork it needs fails first */
  errno = WS_ERRNO_daemon;
  return WS_FAILURE_daemon;
}

#define WS_EXEC_FAILS(name)                                                    \
  do {                                                                         \
    WS_PROLOGUE(name);                                                         \
    errno = WS_ERRNO_##name;                                                   \
    return WS_FAILURE_##name;                                                  \
  } while (0)

int WS_SYM(execl)(const char *path, const char *arg, ...) {
  (void)path, (void)arg;
  WS_EXEC_FAILS(execl);
}

int WS_SYM(execle)(const char *path, const char *arg, ...) {
  (void)path, (void)arg;
  WS_EXEC_FAILS(execle);
}

int WS_SYM(execlp)(const char *file, const char *arg, ...) {
  (void)file, (void)arg;
  WS_EXEC_FAILS(execlp);
}

int WS_SYM(execv)(const char *path, char *const argv[]) {
  (void)path, (void)argv;
  WS_EXEC_FAILS(execv);
}

int WS_SYM(execve)(const char *path, char *const argv[], char *const envp[]) {
  (void)path, (void)argv, (void)envp;
  WS_EXEC_FAILS(execve);
}

int WS_SYM(execvp)(const char *file, char *const argv[]) {
  (void)file, (void)argv;
  WS_EXEC_FAILS(execvp);
}

int WS_SYM(execvpe)(const char *file, char *const argv[], char *const envp[]) {
  (void)file, (void)argv, (void)envp;
  WS_EXEC_FAILS(execvpe);
}

int WS_SYM(fexecve)(int fd, char *const argv[], char *const envp[]) {
  (void)fd, (void)argv, (void)envp;
  WS_EXEC_FAILS(fexecve);
}

/* ---------------------------------------------------------------- the wait family: no children, ever */

static pid_t ws_no_children(int options, int allowed) {
  if (options & ~allowed) {
    return ws_fail(EINVAL);
  }
  return ws_fail(ECHILD);
}

pid_t WS_SYM(wait)(int *status) {
  WS_PROLOGUE(wait);
  (void)status;
  return ws_fail(ECHILD);
}

pid_t WS_SYM(waitpid)(pid_t pid, int *status, int options) {
  WS_PROLOGUE(waitpid);
  (void)pid, (void)status;
  return ws_no_children(options, WNOHANG | WUNTRACED | WCONTINUED);
}

pid_t WS_SYM(wait3)(int *status, int options, struct rusage *usage) {
  WS_PROLOGUE(wait3);
  (void)status, (void)usage;
  return ws_no_children(options, WNOHANG | WUNTRACED | WCONTINUED);
}

pid_t WS_SYM(wait4)(pid_t pid, int *status, int options, struct rusage *usage) {
  WS_PROLOGUE(wait4);
  (void)pid, (void)status, (void)usage;
  return ws_no_children(options, WNOHANG | WUNTRACED | WCONTINUED);
}

int WS_SYM(waitid)(idtype_t idtype, id_t id, siginfo_t *info, int options) {
  WS_PROLOGUE(waitid);
  (void)id, (void)info;
  if ((idtype != P_ALL && idtype != P_PID && idtype != P_PGID) ||
      !(options & (WEXITED | WSTOPPED | WCONTINUED))) {
    return ws_fail(EINVAL);
  }
  return ws_no_children(options,
                        WEXITED | WSTOPPED | WCONTINUED | WNOHANG | WNOWAIT);
}

/* ---------------------------------------------------------------- system, popen, pclose: no shell */

int WS_SYM(system)(const char *command) {
  WS_PROLOGUE(system);
  if (!command)
    return 0;     /* POSIX: no command language interpreter is available */
  errno = ENOSYS; /* the child that would run the shell cannot be created */
  return -1;
}

FILE *WS_SYM(popen)(const char *command, const char *mode) {
  WS_PROLOGUE(popen);
  (void)command, (void)mode;
  errno = WS_ERRNO_popen;
  return NULL;
}

int WS_SYM(pclose)(FILE *stream) {
  WS_PROLOGUE(pclose);
  (void)
      stream; /* not closed: it cannot have come from popen, and may still be in use */
  return ws_fail(ECHILD);
}

/* ---------------------------------------------------------------- posix_spawn and its helpers
 * These return an error number and leave errno alone, so they start with
 * WS_RETURNING_PROLOGUE (shim.h) rather than WS_PROLOGUE, which sets errno. */

int WS_SYM(posix_spawn)(pid_t *__restrict pid, const char *__restrict path,
                        const posix_spawn_file_actions_t *file_actions,
                        const posix_spawnattr_t *__restrict attr,
                        char *const *__restrict argv,
                        char *const *__restrict envp) {
  (void)pid, (void)path, (void)file_actions, (void)attr, (void)argv, (void)envp;
  WS_RETURNING_PROLOGUE(posix_spawn);
  return WS_ERRNO_posix_spawn;
}

int WS_SYM(posix_spawnp)(pid_t *__restrict pid, const char *__restrict file,
                         const posix_spawn_file_actions_t *file_actions,
                         const posix_spawnattr_t *__restrict attr,
                         char *const *__restrict argv,
                         char *const *__restrict envp) {
  (void)pid, (void)file, (void)file_actions, (void)attr, (void)argv, (void)envp;
  WS_RETURNING_PROLOGUE(posix_spawnp);
  return WS_ERRNO_posix_spawnp;
}

/* musl's file-action list: newest first, `__actions` pointing at the head. */
struct ws_fdop {
  struct ws_fdop *next, *prev;
  int cmd, fd, srcfd, oflag;
  mode_t mode;
  char path[];
};
enum { WS_FDOP_CLOSE = 1, WS_FDOP_DUP2 = 2, WS_FDOP_OPEN = 3 };

static int ws_fdop_add(posix_spawn_file_actions_t *fa, int cmd, int fd,
                       int srcfd, const char *path, int oflag, mode_t mode) {
  size_t len = path ? strlen(path) + 1 : 0;
  struct ws_fdop *op = malloc(sizeof *op + len);
  if (!op)
    return ENOMEM;
  op->cmd = cmd;
  op->fd = fd;
  op->srcfd = srcfd;
  op->oflag = oflag;
  op->mode = mode;
  if (path)
    memcpy(op->path, path, len);
  op->next = fa->__actions;
  op->prev = NULL;
  if (op->next)
    op->next->prev = op;
  fa->__actions = op;
  return 0;
}

int WS_SYM(posix_spawn_file_actions_init)(
    posix_spawn_file_actions_t *file_actions) {
  WS_RETURNING_PROLOGUE(posix_spawn_file_actions_init);
  memset(file_actions, 0, sizeof *file_actions);
  return 0;
}

int WS_SYM(posix_spawn_file_actions_destroy)(
    posix_spawn_file_actions_t *file_actions) {
  WS_RETURNING_PROLOGUE(posix_spawn_file_actions_destroy);
  struct ws_fdop *op = file_actions->__actions;
  while (op) {
    struct ws_fdop *next = op->next;
    free(op);
    op = next;
  }
  file_actions->__actions = NULL;
  return 0;
}

int WS_SYM(posix_spawn_file_actions_addopen)(
    posix_spawn_file_actions_t *__restrict file_actions, int fd,
    const char *__restrict path, int oflag, mode_t mode) {
  WS_RETURNING_PROLOGUE(posix_spawn_file_actions_addopen);
  if (fd < 0)
    return EBADF;
  return ws_fdop_add(file_actions, WS_FDOP_OPEN, fd, -1, path, oflag, mode);
}

int WS_SYM(posix_spawn_file_actions_addclose)(
    posix_spawn_file_actions_t *file_actions, int fd) {
  WS_RETURNING_PROLOGUE(posix_spawn_file_actions_addclose);
  if (fd < 0)
    return EBADF;
  return ws_fdop_add(file_actions, WS_FDOP_CLOSE, fd, -1, NULL, 0, 0);
}

int WS_SYM(posix_spawn_file_actions_adddup2)(
    posix_spawn_file_actions_t *file_actions, int fd, int newfd) {
  WS_RETURNING_PROLOGUE(posix_spawn_file_actions_adddup2);
  if (fd < 0 || newfd < 0)
    return EBADF;
  return ws_fdop_add(file_actions, WS_FDOP_DUP2, newfd, fd, NULL, 0, 0);
}

int WS_SYM(posix_spawnattr_init)(posix_spawnattr_t *attr) {
  WS_RETURNING_PROLOGUE(posix_spawnattr_init);
  memset(attr, 0, sizeof *attr);
  return 0;
}

int WS_SYM(posix_spawnattr_destroy)(posix_spawnattr_t *attr) {
  WS_RETURNING_PROLOGUE(posix_spawnattr_destroy);
  (void)attr;
  return 0;
}

int WS_SYM(posix_spawnattr_setflags)(posix_spawnattr_t *attr, short flags) {
  WS_RETURNING_PROLOGUE(posix_spawnattr_setflags);
  const unsigned all = POSIX_SPAWN_RESETIDS | POSIX_SPAWN_SETPGROUP |
                       POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK |
                       POSIX_SPAWN_SETSCHEDPARAM | POSIX_SPAWN_SETSCHEDULER |
                       POSIX_SPAWN_USEVFORK | POSIX_SPAWN_SETSID;
  if ((unsigned)(unsigned short)flags & ~all)
    return EINVAL;
  attr->__flags = flags;
  return 0;
}

int WS_SYM(posix_spawnattr_getflags)(const posix_spawnattr_t *__restrict attr,
                                     short *__restrict flags) {
  WS_RETURNING_PROLOGUE(posix_spawnattr_getflags);
  *flags = (short)attr->__flags;
  return 0;
}

int WS_SYM(posix_spawnattr_setpgroup)(posix_spawnattr_t *attr, pid_t pgroup) {
  WS_RETURNING_PROLOGUE(posix_spawnattr_setpgroup);
  attr->__pgrp = pgroup;
  return 0;
}

int WS_SYM(posix_spawnattr_getpgroup)(const posix_spawnattr_t *__restrict attr,
                                      pid_t *__restrict pgroup) {
  WS_RETURNING_PROLOGUE(posix_spawnattr_getpgroup);
  *pgroup = attr->__pgrp;
  return 0;
}

int WS_SYM(posix_spawnattr_setsigmask)(posix_spawnattr_t *__restrict attr,
                                       const sigset_t *__restrict mask) {
  WS_RETURNING_PROLOGUE(posix_spawnattr_setsigmask);
  attr->__mask = *mask;
  return 0;
}

int WS_SYM(posix_spawnattr_getsigmask)(const posix_spawnattr_t *__restrict attr,
                                       sigset_t *__restrict mask) {
  WS_RETURNING_PROLOGUE(posix_spawnattr_getsigmask);
  *mask = attr->__mask;
  return 0;
}

int WS_SYM(posix_spawnattr_setsigdefault)(posix_spawnattr_t *__restrict attr,
                                          const sigset_t *__restrict def) {
  WS_RETURNING_PROLOGUE(posix_spawnattr_setsigdefault);
  attr->__def = *def;
  return 0;
}

int WS_SYM(posix_spawnattr_getsigdefault)(
    const posix_spawnattr_t *__restrict attr, sigset_t *__restrict def) {
  WS_RETURNING_PROLOGUE(posix_spawnattr_getsigdefault);
  *def = attr->__def;
  return 0;
}

/* ---------------------------------------------------------------- nice values
 * One in-process nice value, 0 at start, that nice, getpriority and setpriority share. Only an
 * effective uid of 0 may lower it; nothing is scheduled by it. */

static int ws_nice_value;

static int ws_clamp_nice(long long value) {
  return value < -20 ? -20 : value > 19 ? 19 : (int)value;
}

int WS_SYM(nice)(int inc) {
  WS_PROLOGUE(nice);
  int next = ws_clamp_nice((long long)ws_nice_value + inc);
  if (next < ws_nice_value && ws_ids()->euid != 0) {
    return ws_fail(EPERM);
  }
  ws_nice_value = next;
  return next;
}

/* 0 when (which, who) names this process, else -1 with errno set. */
static int ws_priority_target(int which, id_t who) {
  switch (which) {
  case PRIO_PROCESS:
  case PRIO_PGRP:
    if (who == 0 || who == (id_t)ws_self_pid())
      return 0;
    break;
  case PRIO_USER:
    if (who == 0 || who == (id_t)ws_ids()->euid)
      return 0;
    break;
  default:
    return ws_fail(EINVAL);
  }
  return ws_fail(ESRCH);
}

int WS_SYM(getpriority)(int which, id_t who) {
  WS_PROLOGUE(getpriority);
  if (ws_priority_target(which, who) != 0)
    return -1;
  return ws_nice_value;
}

int WS_SYM(setpriority)(int which, id_t who, int prio) {
  WS_PROLOGUE(setpriority);
  if (ws_priority_target(which, who) != 0)
    return -1;
  int next = ws_clamp_nice(prio);
  if (next < ws_nice_value && ws_ids()->euid != 0) {
    return ws_fail(EACCES);
  }
  ws_nice_value = next;
  return 0;
}
