// policy: default
// stdout: ok

/* lchmod looks at the link itself: a dangling link succeeds (without effect), a missing one is ENOENT. */
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "modes_files.h"

int main(void) {
    make_files();
    unlink("file");
    CHECK_INT(lchmod("link", 0600), 0);
    errno = 0;
    CHECK_INT(lchmod("missing", 0600), -1);
    CHECK_INT(errno, ENOENT);
    puts("ok");
    return 0;
}
