// policy: custom.toml
// stdout: alice 2000 staff /home/alice /bin/bash
// stdout: groups 2 2000 27
// stdout: caught SIGUSR1 from 42
// stdout: ok

/* The end-to-end program: identity, user database and signals together, compiled with the
 * wrapper and no other flag. Under strict (posix_program_strict.c) every call fails with ENOSYS. */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "guest.h"

#ifndef EXPECT_STRICT
static volatile sig_atomic_t caught_from = -1;

static void on_usr1(int sig, siginfo_t *info, void *context) {
  (void)context;
  if (sig == SIGUSR1)
    caught_from = info->si_pid;
}
#endif

int main(void) {
#ifndef EXPECT_STRICT
  uid_t uid = getuid();
  struct passwd *pw = getpwnam("alice");
  CHECK(pw != NULL);
  CHECK_INT(pw->pw_uid, uid);
  struct group *gr = getgrgid(getgid());
  CHECK(gr != NULL);
  printf("%s %u %s %s %s\n", pw->pw_name, (unsigned)uid, gr->gr_name,
         pw->pw_dir, pw->pw_shell);

  char buf[256];
  struct passwd entry, *result = NULL;
  CHECK_INT(getpwnam_r("www", &entry, buf, sizeof buf, &result), 0);
  CHECK(result == &entry);
  CHECK_STR(entry.pw_dir, "/var/www");

  gid_t groups[8];
  int n = getgroups(8, groups);
  CHECK_INT(n, 2);
  printf("groups %d %u %u\n", n, (unsigned)groups[0], (unsigned)groups[1]);

  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_usr1;
  sa.sa_flags = SA_SIGINFO;
  sigemptyset(&sa.sa_mask);
  CHECK_INT(sigaction(SIGUSR1, &sa, NULL), 0);

  sigset_t block, pending;
  sigemptyset(&block);
  sigaddset(&block, SIGUSR1);
  CHECK_INT(sigprocmask(SIG_BLOCK, &block, NULL), 0);
  CHECK_INT(kill(getpid(), SIGUSR1), 0);
  CHECK_INT(caught_from, -1);
  CHECK_INT(sigpending(&pending), 0);
  CHECK_INT(sigismember(&pending, SIGUSR1), 1);
  CHECK_INT(sigprocmask(SIG_UNBLOCK, &block, NULL), 0);
  printf("caught SIGUSR1 from %d\n", (int)caught_from);
  CHECK_INT(caught_from, getpid());
#else
  errno = 0;
  CHECK(getuid() == (uid_t)-1 && errno == ENOSYS);
  errno = 0;
  CHECK(getpwnam("root") == NULL && errno == ENOSYS);
  errno = 0;
  CHECK(getgrgid(0) == NULL && errno == ENOSYS);
  char buf[256];
  struct passwd entry, *result = &entry;
  CHECK_INT(getpwnam_r("root", &entry, buf, sizeof buf, &result), ENOSYS);
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  errno = 0;
  CHECK(sigaction(SIGUSR1, &sa, NULL) == -1 && errno == ENOSYS);
  errno = 0;
  CHECK(kill(0, SIGUSR1) == -1 && errno == ENOSYS);
  errno = 0;
  CHECK(sigprocmask(SIG_BLOCK, NULL, NULL) == -1 && errno == ENOSYS);
#endif
  puts("ok");
  return 0;
}
