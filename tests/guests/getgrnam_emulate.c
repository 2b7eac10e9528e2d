// policy: default
// stdout: wasi 1000 wasi
// stdout: ok

/* getgrnam under the default policy: every field of the "wasi" group (member wasi) and "root" (no
 * members); an absent name gives NULL with errno unchanged. */
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
    struct group *gr = getgrnam("wasi");
    check_wasi(gr);
    printf("%s %u %s\n", gr->gr_name, (unsigned)gr->gr_gid, gr->gr_mem[0]);
    check_root(getgrnam("root"));
    errno = EDOM;
    CHECK(getgrnam("nobody") == NULL);
    CHECK_INT(errno, EDOM);
    puts("ok");
    return 0;
}
