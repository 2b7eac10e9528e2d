// policy: default
// stdout: root 0
// stdout: wasi 1000
// stdout: ok

/* getgrent under the default policy walks the database in order (root, then wasi), then NULL with
 * errno unchanged; getgrgid in between does not disturb the walk. */
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
    struct group *gr = getgrent();
    check_root(gr);
    printf("%s %u\n", gr->gr_name, (unsigned)gr->gr_gid);
    check_wasi(getgrgid(1000));
    CHECK_STR(gr->gr_name, "root");
    gr = getgrent();
    check_wasi(gr);
    printf("%s %u\n", gr->gr_name, (unsigned)gr->gr_gid);
    errno = EDOM;
    CHECK(getgrent() == NULL);
    CHECK_INT(errno, EDOM);
    endgrent();
    puts("ok");
    return 0;
}
