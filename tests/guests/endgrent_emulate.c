// policy: default
// stdout: ok

/* endgrent closes the walk: the next getgrent starts again from root. */
#include <errno.h>
#include <grp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

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
    check_root(getgrent());
    endgrent();
    check_root(getgrent());
    check_wasi(getgrent());
    CHECK(getgrent() == NULL);
    endgrent();
    check_root(getgrent());
    endgrent();
    puts("ok");
    return 0;
}
