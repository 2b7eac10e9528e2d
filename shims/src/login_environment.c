/* area: identity — the login environment: HOME, USER, LOGNAME and SHELL from the policy's identity where the
 * runtime passed none (a WASI program starts with an empty environment, and programs expand ~ from $HOME
 * alone), never overriding a value the runtime passed; off when the policy's environment.login_defaults is 0.
 *
 * wasi-libc reads the runtime's environment the first time a program touches it: getenv and setenv through
 * __wasilibc_ensure_environ, a program reading `environ` through __wasilibc_initialize_environ (a constructor).
 * The links wrap both (wasm-ld's --wrap reaches only calls from other objects, and the first calls the second
 * inside one), so the defaults are in place before the program sees a variable. */
#include "shim.h"

#include <stdlib.h>

void __real___wasilibc_ensure_environ(void);
void __real___wasilibc_initialize_environ(void);

static void ws_login_defaults(void) {
  static int done;
  if (done || !WS_SETTING_ENVIRONMENT_LOGIN_DEFAULTS)
    return;
  done =
      1; /* before setenv, which comes back through __wasilibc_ensure_environ */
  /* setenv's last argument 0: a value the runtime passed stays. */
  setenv("HOME", WS_IDENTITY_HOME, 0);
  setenv("USER", WS_IDENTITY_USER, 0);
  setenv("LOGNAME", WS_IDENTITY_USER, 0);
  setenv("SHELL", WS_IDENTITY_SHELL, 0);
}

void __wrap___wasilibc_ensure_environ(void) {
  __real___wasilibc_ensure_environ();
  ws_login_defaults();
}

void __wrap___wasilibc_initialize_environ(void) {
  __real___wasilibc_initialize_environ();
  ws_login_defaults();
}
