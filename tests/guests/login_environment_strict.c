// policy: strict
// stdout: HOME unset
// stdout: environment empty
// stdout: ok

/* Under `strict` (environment.login_defaults = 0) the environment is exactly what the runtime passed: none. */
#include <stdio.h>
#include <stdlib.h>

extern char **environ;

int main(void) {
  puts(getenv("HOME") ? "HOME set" : "HOME unset");
  puts(environ == NULL || environ[0] == NULL ? "environment empty"
                                             : "environment not empty");
  puts("ok");
  return 0;
}
