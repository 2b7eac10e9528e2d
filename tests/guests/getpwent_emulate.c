// policy: default
// stdout: root 0
// stdout: wasi 1000
// stdout: ok

/* getpwent under the default policy walks the database in order (root, then wasi), then NULL with
 * errno unchanged; getpwuid in between does not disturb the walk. */
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
    struct passwd *pw = getpwent();
    check_root(pw);
    printf("%s %u\n", pw->pw_name, (unsigned)pw->pw_uid);
    check_wasi(getpwuid(1000));
    CHECK_STR(pw->pw_name, "root");
    pw = getpwent();
    check_wasi(pw);
    printf("%s %u\n", pw->pw_name, (unsigned)pw->pw_uid);
    errno = EDOM;
    CHECK(getpwent() == NULL);
    CHECK_INT(errno, EDOM);
    CHECK(getpwent() == NULL);
    endpwent();
    puts("ok");
    return 0;
}
