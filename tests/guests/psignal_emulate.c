// policy: default
// stdout: ok
// stderr-contains: boom: User defined signal 1
// stderr-contains: rt: RT40
// stderr-contains: odd: Unknown signal
// stderr-count: 1 Terminated

/* psignal writes "message: description" to stderr (only the description for a NULL or empty
 * message), with strsignal's descriptions, and leaves errno alone. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>

#include "guest.h"

int main(void) {
  errno = 0;
  psignal(SIGUSR1, "boom");
  psignal(40, "rt");
  psignal(99, "odd");
  psignal(SIGTERM, NULL);
  CHECK_INT(errno, 0);
  puts("ok");
  return 0;
}
