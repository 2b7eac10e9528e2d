// policy: default
// stdout: ok

/* setpwent rewinds the getpwent walk to the first entry, root. */
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>

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
    check_root(getpwent());
    check_wasi(getpwent());
    setpwent();
    check_root(getpwent());
    setpwent();
    check_root(getpwent());
    check_wasi(getpwent());
    CHECK(getpwent() == NULL);
    setpwent();
    check_root(getpwent());
    puts("ok");
    return 0;
}
