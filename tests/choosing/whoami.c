/* whoami: who runs it, on which host, with which umask, and whether its SIGTERM handler runs. README's
 * "Choosing a policy" goes from this program to a policy of its own (tests/choosing.rs runs that section). */
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static volatile sig_atomic_t terminated;

static void on_term(int signo) {
  (void)signo;
  terminated = 1;
}

int main(void) {
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = on_term;
  sigaction(SIGTERM, &action, NULL);
  struct passwd *pw = getpwuid(getuid());
  char host[256];
  if (gethostname(host, sizeof host) != 0)
    strcpy(host, "(unknown host)");
  mode_t old = umask(022);
  printf("%s (uid %d) on %s, home %s, umask %03o\n", pw ? pw->pw_name : "?",
         (int)getuid(), host, pw ? pw->pw_dir : "?", (unsigned)old);
  kill(getpid(), SIGTERM);
  printf("SIGTERM handler ran: %s\n", terminated ? "yes" : "no");
  return 0;
}
