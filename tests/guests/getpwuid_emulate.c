// policy: default
// stdout: ok

/* getpwuid under the default policy: every field of uid 1000 (wasi) and uid 0 (root), and of the
 * entry for getuid(); an absent uid gives NULL with errno unchanged. */
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "guest.h"

static void check_wasi(const struct passwd *pw) {
    CHECK(pw != NULL);
    CHECK_STR(pw->pw_name, "wasi");
    CHECK_STR(pw->pw_passwd, "x");
    CHECK_INT(pw->pw_uid, 1000);
    CHECK_INT(pw->pw_gid, 1000);
    CHECK_STR(pw->pw_gecos, "WASI sandbox user");
    CHECK_STR(pw->pw_dir, "/home/wasi");
    CHECK_STR(pw->pw_shell, "/bin/sh");
}

static void check_root(const struct passwd *pw) {
    CHECK(pw != NULL);
    CHECK_STR(pw->pw_name, "root");
    CHECK_STR(pw->pw_passwd, "x");
    CHECK_INT(pw->pw_uid, 0);
    CHECK_INT(pw->pw_gid, 0);
    CHECK_STR(pw->pw_gecos, "root");
    CHECK_STR(pw->pw_dir, "/root");
    CHECK_STR(pw->pw_shell, "/bin/sh");
}

int main(void) {
    check_wasi(getpwuid(1000));
    check_wasi(getpwuid(getuid()));
    check_root(getpwuid(0));
    errno = EDOM;
    CHECK(getpwuid(4242) == NULL);
    CHECK_INT(errno, EDOM);
    puts("ok");
    return 0;
}
