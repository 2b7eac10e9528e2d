/* <sys/wait.h> for wasm32-wasi (wasi-shim, process area). wasi-libc has no such header (its
 * <stdlib.h> hides the W* macros: "WASI has no wait"), so this one is whole: musl's macros and
 * idtype_t, i.e. Linux's status encoding, and the catalog's prototypes of wait, waitpid, wait3,
 * wait4 and waitid. Under the default policy those answer ECHILD: a WASI process has no children. */
#ifndef WASI_SHIM_SYS_WAIT_H
#define WASI_SHIM_SYS_WAIT_H

#include <features.h>
#include <sys/types.h>
#include <signal.h> /* siginfo_t (the overlay's <signal.h>), as musl's <sys/wait.h> includes it */

typedef enum { P_ALL = 0, P_PID = 1, P_PGID = 2, P_PIDFD = 3 } idtype_t;

#ifndef WNOHANG
#define WNOHANG 1
#define WUNTRACED 2
#endif
#define WSTOPPED 2
#define WEXITED 4
#define WCONTINUED 8
#define WNOWAIT 0x1000000

#ifndef WEXITSTATUS
#define WEXITSTATUS(s) (((s) & 0xff00) >> 8)
#define WTERMSIG(s) ((s) & 0x7f)
#define WSTOPSIG(s) WEXITSTATUS(s)
#define WIFEXITED(s) (!WTERMSIG(s))
#define WIFSTOPPED(s) ((short)((((s) & 0xffff) * 0x10001U) >> 8) > 0x7f00)
#define WIFSIGNALED(s) (((s) & 0xffff) - 1U < 0xffu)
#endif
#define WIFCONTINUED(s) ((s) == 0xffff)
#define WCOREDUMP(s) ((s) & 0x80)

struct
    rusage; /* wait3 and wait4 only pass it through; <sys/resource.h> defines it */

/* @WASI_SHIM_DECLARATIONS@ */

#endif
