/* The per-call cost of host calls and of wasi-shim's stubs, timed inside the guest so that no runtime's
 * start-up counts: `calls OP[=N]...` runs each OP N times (a default per OP otherwise) and prints
 * "OP NANOSECONDS_PER_CALL" per line. Host calls work over any wasi-libc; the stub operations are
 * compiled only with -DWITH_STUBS (an overlay build). A wrong result exits 1 naming the operation. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#ifdef WITH_STUBS
#include <pwd.h>
#include <signal.h>
#include <sys/resource.h>
#endif

/* plain.c: a call the compiler cannot inline or fold, returning a constant: the floor for a getter. */
int plain_call(void);

static volatile long sink;
static const char data_path[] = "/bench.dat";
static int data_fd = -1;

static void fail(const char *op, const char *what) {
  fprintf(stderr, "%s: %s\n", op, what);
  exit(1);
}

static void op_plain(long n) {
  for (long i = 0; i < n; i++)
    sink += plain_call();
}

static void op_clock_gettime(long n) {
  struct timespec t;
  for (long i = 0; i < n; i++)
    if (clock_gettime(CLOCK_MONOTONIC, &t))
      fail("clock_gettime", "failed");
}

static void op_fstat(long n) {
  struct stat st;
  for (long i = 0; i < n; i++)
    if (fstat(data_fd, &st))
      fail("fstat", "failed");
}

/* stdout: where a runtime answers from its own state, without a host call. */
static void op_fstat_stdout(long n) {
  struct stat st;
  for (long i = 0; i < n; i++)
    if (fstat(1, &st))
      fail("fstat_stdout", "failed");
}

static void op_stat(long n) {
  struct stat st;
  for (long i = 0; i < n; i++)
    if (stat(data_path, &st))
      fail("stat", "failed");
}

/* One byte per call from a file of at least n bytes. */
static void op_read(long n) {
  char byte;
  if (lseek(data_fd, 0, SEEK_SET))
    fail("read", "lseek failed");
  for (long i = 0; i < n; i++)
    if (read(data_fd, &byte, 1) != 1)
      fail("read", "short read");
}

#ifdef WITH_STUBS
static void op_getuid(long n) {
  for (long i = 0; i < n; i++)
    sink += getuid();
}

static void op_geteuid(long n) {
  for (long i = 0; i < n; i++)
    sink += geteuid();
}

static void op_getgid(long n) {
  for (long i = 0; i < n; i++)
    sink += getgid();
}

static void op_getegid(long n) {
  for (long i = 0; i < n; i++)
    sink += getegid();
}

static void op_getppid(long n) {
  for (long i = 0; i < n; i++)
    sink += getppid();
}

static void op_getpwuid_r(long n) {
  struct passwd pw, *result;
  char buf[1024];
  uid_t uid = getuid();
  for (long i = 0; i < n; i++)
    if (getpwuid_r(uid, &pw, buf, sizeof buf, &result) || !result)
      fail("getpwuid_r", "no entry for getuid()");
}

/* A block and a restore: how a program protects a critical section. */
static void op_sigprocmask(long n) {
  sigset_t block, old;
  sigemptyset(&block);
  sigaddset(&block, SIGUSR1);
  for (long i = 0; i < n; i++)
    if (sigprocmask(SIG_BLOCK, &block, &old) ||
        sigprocmask(SIG_SETMASK, &old, 0))
      fail("sigprocmask", "failed");
}

static volatile long delivered;
static void on_usr1(int signo) {
  (void)signo;
  delivered++;
}

static void op_kill_self(long n) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_usr1;
  if (sigaction(SIGUSR1, &sa, 0))
    fail("kill_self", "sigaction failed");
  pid_t self = getpid();
  delivered = 0;
  for (long i = 0; i < n; i++)
    if (kill(self, SIGUSR1))
      fail("kill_self", "kill failed");
  if (delivered != n)
    fail("kill_self", "a signal was not delivered");
}

static void op_umask(long n) {
  for (long i = 0; i < n; i++)
    sink += umask(022);
}

static void op_getrlimit(long n) {
  struct rlimit rl;
  for (long i = 0; i < n; i++)
    if (getrlimit(RLIMIT_NOFILE, &rl))
      fail("getrlimit", "failed");
}
#endif

struct op {
  const char *name;
  void (*run)(long);
  long iterations;
};

static const struct op ops[] = {
    {"plain", op_plain, 20000000},
    {"clock_gettime", op_clock_gettime, 200000},
    {"fstat_stdout", op_fstat_stdout, 200000},
    {"fstat", op_fstat, 50000},
    {"stat", op_stat, 20000},
    {"read", op_read, 50000},
#ifdef WITH_STUBS
    {"getuid", op_getuid, 20000000},
    {"geteuid", op_geteuid, 20000000},
    {"getgid", op_getgid, 20000000},
    {"getegid", op_getegid, 20000000},
    {"getppid", op_getppid, 20000000},
    {"getpwuid_r", op_getpwuid_r, 500000},
    {"sigprocmask", op_sigprocmask, 2000000},
    {"kill_self", op_kill_self, 2000000},
    {"umask", op_umask, 20000000},
    {"getrlimit", op_getrlimit, 5000000},
#endif
};

static double now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

/* The data file the file operations use: as many bytes as `read` takes. */
static void make_data_file(long bytes) {
  data_fd = open(data_path, O_RDWR | O_CREAT | O_TRUNC, 0644);
  if (data_fd < 0)
    fail("setup", "cannot create /bench.dat");
  static char block[4096];
  for (long left = bytes; left > 0; left -= (long)sizeof block)
    if (write(data_fd, block, sizeof block) != (ssize_t)sizeof block)
      fail("setup", "cannot write /bench.dat");
}

static const struct op *find(const char *name, size_t len) {
  for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
    if (strlen(ops[i].name) == len && !strncmp(ops[i].name, name, len))
      return &ops[i];
  return 0;
}

int main(int argc, char **argv) {
  make_data_file(1 << 20);
  for (int i = 1; i < argc; i++) {
    const char *eq = strchr(argv[i], '=');
    const struct op *op =
        find(argv[i], eq ? (size_t)(eq - argv[i]) : strlen(argv[i]));
    if (!op)
      fail(argv[i], "no such operation");
    long n = eq ? atol(eq + 1) : op->iterations;
    if (n <= 0 || (!strcmp(op->name, "read") && n > 1 << 20))
      fail(argv[i], "iterations out of range");
    double start = now_ns();
    op->run(n);
    printf("%s %.3f\n", op->name, (now_ns() - start) / (double)n);
  }
  return 0;
}
