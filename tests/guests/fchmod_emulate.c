// policy: default
// stdout: ok

/* fchmod checks the descriptor and succeeds without effect; a closed descriptor is EBADF. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "modes_files.h"

int main(void) {
    make_files();
    int fd = open("file", O_RDONLY);
    CHECK(fd >= 0);
    CHECK_INT(fchmod(fd, 0600), 0);
    close(fd);
    errno = 0;
    CHECK_INT(fchmod(fd, 0600), -1);
    CHECK_INT(errno, EBADF);
    puts("ok");
    return 0;
}
