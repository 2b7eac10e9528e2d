/* The library: three POSIX calls wasi-libc lacks, answered by the overlay's policy. */
#include <pwd.h>
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

static volatile sig_atomic_t caught;

static void on_usr1(int sig) { caught = sig; }

const char *user_name(void) {
  struct passwd *pw = getpwuid(getuid());
  return pw ? pw->pw_name : "(none)";
}

int handler_runs(void) {
  struct sigaction action = {.sa_handler = on_usr1};
  if (sigaction(SIGUSR1, &action, 0) != 0 || raise(SIGUSR1) != 0)
    return 0;
  return caught == SIGUSR1;
}

long open_files_limit(void) {
  struct rlimit limit;
  return getrlimit(RLIMIT_NOFILE, &limit) == 0 ? (long)limit.rlim_cur : -1;
}
