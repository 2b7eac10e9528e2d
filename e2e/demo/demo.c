/* The demo page's program: calls a ported interpreter makes at start-up, each printed with its answer.
 *
 * It builds over the stock sysroot too, as a porter would build it there (-D_WASI_EMULATED_SIGNAL
 * -lwasi-emulated-signal, the same for getpid) plus -DSTOCK_SYSROOT: then every function the base may lack is
 * declared weak, so where the base has none the program says so instead of failing to link (getpid and signal
 * stay plain: the emulation libraries have them, and a weak reference would not pull an archive member in).
 * Over an overlay the declarations stay plain, for the same reason. */
#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>
#if __has_include(<pwd.h>)
#include <pwd.h>
#define HAVE_PWD_H 1
#endif

#ifdef STOCK_SYSROOT
#define MAYBE_MISSING __attribute__((weak))
#define PRESENT(function) (&(function) != NULL)
#else
#define MAYBE_MISSING
#define PRESENT(function) 1
#endif

uid_t getuid(void) MAYBE_MISSING;
mode_t umask(mode_t mask) MAYBE_MISSING;
int kill(pid_t pid, int sig) MAYBE_MISSING;
int gethostname(char *name, size_t len) MAYBE_MISSING;
#ifdef HAVE_PWD_H
struct passwd *getpwuid(uid_t uid) MAYBE_MISSING;
#endif

static volatile sig_atomic_t caught;

static void on_usr1(int sig) { caught = sig; }

/* The answer of a call that returned `result`: the value, or -1 with errno's text. */
static void report(const char *call, long result) {
  if (result == -1)
    printf("%s = -1 (%s)\n", call, strerror(errno));
  else
    printf("%s = %ld\n", call, result);
}

static void missing(const char *call) {
  printf("%s: not in this libc\n", call);
}

static void identity(void) {
  if (PRESENT(getuid))
    report("getuid()", (long)getuid());
  else
    missing("getuid()");
#ifdef HAVE_PWD_H
  if (!PRESENT(getpwuid) || !PRESENT(getuid)) {
    missing("getpwuid(getuid())");
    return;
  }
  errno = 0;
  struct passwd *pw = getpwuid(getuid());
  if (pw)
    printf("getpwuid(getuid()): %s, home %s\n", pw->pw_name, pw->pw_dir);
  else
    printf("getpwuid(getuid()) = NULL (%s)\n", strerror(errno));
#else
  printf("getpwuid(): no <pwd.h> in this libc\n");
#endif
}

static void process(void) {
  report("getpid()", (long)getpid());
  mode_t old = PRESENT(umask) ? umask(077) : 0;
  if (!PRESENT(umask))
    missing("umask()");
  else if (old == (mode_t)-1)
    report("umask(077)", -1);
  else
    printf("umask(077) returned %03o\n", (unsigned)old);
  char host[64] = "";
  if (!PRESENT(gethostname))
    missing("gethostname()");
  else if (gethostname(host, sizeof host) == 0)
    printf("gethostname(): %s\n", host);
  else
    report("gethostname()", -1);
}

static void signals(void) {
  if (!PRESENT(kill)) {
    missing("kill()");
    return;
  }
  if (signal(SIGUSR1, on_usr1) == SIG_ERR)
    report("signal(SIGUSR1)", -1);
  report("kill(getpid(), SIGUSR1)", kill(getpid(), SIGUSR1));
  printf("SIGUSR1 handler ran: %s\n", caught == SIGUSR1 ? "yes" : "no");
}

int main(void) {
  identity();
  process();
  signals();
  return 0;
}
