// policy: default
// stdout: ok

/* chmod checks the path and succeeds without effect (WASI has no permission bits): the mode stat
 * reports is unchanged; a missing path fails with ENOENT. */
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>

#include "modes_files.h"

int main(void) {
    make_files();
    struct stat before, after;
    CHECK_INT(stat("file", &before), 0);
    CHECK_INT(chmod("file", 0600), 0);
    CHECK_INT(chmod(".", 0700), 0);
    CHECK_INT(stat("file", &after), 0);
    CHECK_INT(after.st_mode, before.st_mode);
    errno = 0;
    CHECK_INT(chmod("missing", 0600), -1);
    CHECK_INT(errno, ENOENT);
    puts("ok");
    return 0;
}
