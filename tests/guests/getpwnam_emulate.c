// policy: default
// stdout: wasi 1000 1000 /home/wasi /bin/sh
// stdout: ok

/* getpwnam under the default policy: every field of the "wasi" and "root" entries; an absent name
 * gives NULL with errno unchanged; the answer is a copy, so writing into it changes nothing. */
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
    struct passwd *pw = getpwnam("wasi");
    check_wasi(pw);
    printf("%s %u %u %s %s\n", pw->pw_name, (unsigned)pw->pw_uid, (unsigned)pw->pw_gid, pw->pw_dir, pw->pw_shell);
    pw->pw_name[0] = 'X';
    check_wasi(getpwnam("wasi"));
    check_root(getpwnam("root"));
    errno = EDOM;
    CHECK(getpwnam("nobody") == NULL);
    CHECK_INT(errno, EDOM);
    CHECK(getpwnam("") == NULL);
    puts("ok");
    return 0;
}
