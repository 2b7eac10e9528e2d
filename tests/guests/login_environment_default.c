// policy: default
// stdout: HOME=/home/wasi
// stdout: USER=wasi
// stdout: LOGNAME=wasi
// stdout: SHELL=/bin/sh
// stdout: ok

/* Started with an empty environment (wasi-shim run passes none), a program under `default` finds the login
 * environment a shell would give it, from the policy's identity: ~ expands through $HOME alone. */
#include <stdio.h>
#include <stdlib.h>

static void show(const char *name) {
  const char *value = getenv(name);
  printf("%s=%s\n", name, value ? value : "(unset)");
}

int main(void) {
  show("HOME");
  show("USER");
  show("LOGNAME");
  show("SHELL");
  puts("ok");
  return 0;
}
