/* C in a Rust program: the user database, a signal handler and kill, from the same shims as the Rust side. */
#include <errno.h>
#include <pwd.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t c_seen;

static void c_handler(int sig) { c_seen = sig; }

/* getpwnam(name)'s uid; -errno when the lookup fails, -1000 when there is no such user. */
long c_uid_of(const char *name) {
  errno = 0;
  struct passwd *entry = getpwnam(name);
  if (!entry)
    return errno ? -errno : -1000;
  return (long)entry->pw_uid;
}

/* c_handler for SIGUSR2, installed with sigaction: 0 or the errno. */
int c_install(void) {
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = c_handler;
  return sigaction(SIGUSR2, &action, 0) == 0 ? 0 : errno;
}

/* kill(getpid(), sig): 0 or the errno. */
int c_kill_self(int sig) { return kill(getpid(), sig) == 0 ? 0 : errno; }

/* The last signal c_handler saw. */
int c_seen_signal(void) { return c_seen; }
