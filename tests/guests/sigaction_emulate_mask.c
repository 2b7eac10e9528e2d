// policy: default
// stdout: order: usr1-start usr1-end usr2
// stdout: ok

/* sa_mask: signals in the handler's mask stay pending while it runs and are delivered after it. */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "guest.h"

static char order[128];

static void note(const char *what) {
  strcat(order, " ");
  strcat(order, what);
}

static void on_usr2(int sig) {
  (void)sig;
  note("usr2");
}

static void on_usr1(int sig) {
  (void)sig;
  note("usr1-start");
  raise(SIGUSR2);
  sigset_t pending;
  sigpending(&pending);
  CHECK_INT(sigismember(&pending, SIGUSR2), 1);
  note("usr1-end");
}

int main(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_usr2;
  CHECK_INT(sigaction(SIGUSR2, &sa, NULL), 0);
  sa.sa_handler = on_usr1;
  sigemptyset(&sa.sa_mask);
  sigaddset(&sa.sa_mask, SIGUSR2);
  CHECK_INT(sigaction(SIGUSR1, &sa, NULL), 0);
  CHECK_INT(raise(SIGUSR1), 0);
  printf("order:%s\n", order);
  puts("ok");
  return 0;
}
