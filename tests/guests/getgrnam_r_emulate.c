// policy: default
// stdout: ok

/* getgrnam_r under the default policy: the member array (aligned, NULL-terminated) and every string
 * live inside buf, even a misaligned one; a tiny buffer is ERANGE with *result NULL; absent gives 0 with *result NULL. */
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
    static char storage[NSS_BUFLEN_GROUP + 1];
    char *buf = storage + 1; /* deliberately misaligned for the member array */
    size_t size = sizeof storage - 1;
    struct group entry, *result = NULL;
    CHECK_INT(getgrnam_r("wasi", &entry, buf, size, &result), 0);
    CHECK(result == &entry);
    check_wasi(result);
    CHECK((uintptr_t)entry.gr_mem % _Alignof(char *) == 0);
    CHECK((char *)entry.gr_mem >= buf && (char *)(entry.gr_mem + 2) <= buf + size);
    CHECK(entry.gr_mem[0] >= buf && entry.gr_mem[0] < buf + size);
    CHECK(entry.gr_name >= buf && entry.gr_name < buf + size);
    CHECK_INT(getgrnam_r("root", &entry, buf, size, &result), 0);
    check_root(result);

    char tiny[4];
    result = &entry;
    CHECK_INT(getgrnam_r("wasi", &entry, tiny, sizeof tiny, &result), ERANGE);
    CHECK(result == NULL);

    result = &entry;
    CHECK_INT(getgrnam_r("nobody", &entry, buf, size, &result), 0);
    CHECK(result == NULL);
    puts("ok");
    return 0;
}
