// policy: default
// stdout: ok

/* getgrgid under the default policy: gid 1000 (wasi), gid 0 (root) and getgid()'s group; an absent
 * gid gives NULL with errno unchanged. */
#include <errno.h>
#include <grp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "guest.h"

static void check_wasi(const struct group *gr) {
    CHECK(gr != NULL);
    CHECK_STR(gr->gr_name, "wasi");
    CHECK_STR(gr->gr_passwd, "x");
    CHECK_INT(gr->gr_gid, 1000);
    CHECK(gr->gr_mem != NULL);
    CHECK_STR(gr->gr_mem[0], "wasi");
    CHECK(gr->gr_mem[1] == NULL);
}

static void check_root(const struct group *gr) {
    CHECK(gr != NULL);
    CHECK_STR(gr->gr_name, "root");
    CHECK_STR(gr->gr_passwd, "x");
    CHECK_INT(gr->gr_gid, 0);
    CHECK(gr->gr_mem != NULL);
    CHECK(gr->gr_mem[0] == NULL);
}

int main(void) {
    check_wasi(getgrgid(1000));
    check_wasi(getgrgid(getgid()));
    check_root(getgrgid(0));
    errno = EDOM;
    CHECK(getgrgid(4242) == NULL);
    CHECK_INT(errno, EDOM);
    puts("ok");
    return 0;
}
