/* area: process — this process's id and its parent's, fixed by the policy (each overridable once
 * from the environment variable the policy names). getpid answers ws_self_pid() (common.c), which
 * the signals area also uses to recognise this process, even when getpid itself is made to fail. */
#include "shim.h"

#include <unistd.h>

pid_t WS_SYM(getpid)(void) {
    WS_PROLOGUE(getpid);
    return ws_self_pid();
}

pid_t WS_SYM(getppid)(void) {
    WS_PROLOGUE(getppid);
    static pid_t ppid;
    static int ready;
    if (!ready) {
        ppid = (pid_t)ws_value_from_env(WS_ENV_getppid, (long)(pid_t)WS_VALUE_getppid);
        ready = 1;
    }
    return ppid;
}
