// policy: default
// stdout: ok

/* Stress: a signal handler that reads the user and group databases while the program holds their
 * answers. The _r answers live in the caller's buffers and stay intact; the static answers are the last
 * lookup's, as POSIX allows, and the program's held copy of a name (taken before) is unaffected; the
 * enumeration (getpwent) resumes where it was after the handler rewound a separate lookup. */
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "default_db.h"
#include "guest.h"

static volatile int handled;

static void handler(int sig) {
  (void)sig;
  struct passwd *root = getpwuid(0);
  check_passwd_root(root);
  struct group *g = getgrgid(0);
  check_group_root(g);
  struct passwd pwd, *r;
  char buf[256];
  CHECK_INT(getpwnam_r("root", &pwd, buf, sizeof buf, &r), 0);
  check_passwd_root(r);
  handled++;
}

int main(void) {
  CHECK(signal(SIGUSR1, handler) != SIG_ERR);
  struct passwd pwd, *r;
  char buf[256];
  CHECK_INT(getpwuid_r(1000, &pwd, buf, sizeof buf, &r), 0);
  struct passwd *held = getpwuid(1000);
  char name[32];
  strcpy(name, held->pw_name);
  for (int i = 0; i < 50; i++)
    CHECK(raise(SIGUSR1) == 0);
  CHECK_INT(handled, 50);
  check_passwd_wasi(r);
  CHECK_STR(name, "wasi");
  CHECK_STR(getpwuid(1000)->pw_name, "wasi");

  setpwent();
  struct passwd *first = getpwent();
  CHECK(first != NULL);
  char first_name[32];
  strcpy(first_name, first->pw_name);
  CHECK(raise(SIGUSR1) == 0);
  struct passwd *second = getpwent();
  CHECK(second != NULL);
  CHECK(strcmp(second->pw_name, first_name) != 0);
  endpwent();
  puts("ok");
  return 0;
}
