// policy: default
// stdout: ok
// stderr-contains: boom: User defined signal 1

/* psignal writes "message: description" to stderr. */
#include <signal.h>
#include <stdio.h>

int main(void) {
    psignal(SIGUSR1, "boom");
    puts("ok");
    return 0;
}
