/* The default policy's user and group databases, as guests expect to read them back. */
#ifndef WASI_SHIM_DEFAULT_DB_H
#define WASI_SHIM_DEFAULT_DB_H

#include <grp.h>
#include <pwd.h>

#include "guest.h"

static inline void check_passwd_root(const struct passwd *pw) {
  CHECK(pw != NULL);
  CHECK_STR(pw->pw_name, "root");
  CHECK_STR(pw->pw_passwd, "x");
  CHECK_INT(pw->pw_uid, 0);
  CHECK_INT(pw->pw_gid, 0);
  CHECK_STR(pw->pw_gecos, "root");
  CHECK_STR(pw->pw_dir, "/root");
  CHECK_STR(pw->pw_shell, "/bin/sh");
}

static inline void check_passwd_wasi(const struct passwd *pw) {
  CHECK(pw != NULL);
  CHECK_STR(pw->pw_name, "wasi");
  CHECK_STR(pw->pw_passwd, "x");
  CHECK_INT(pw->pw_uid, 1000);
  CHECK_INT(pw->pw_gid, 1000);
  CHECK_STR(pw->pw_gecos, "WASI sandbox user");
  CHECK_STR(pw->pw_dir, "/home/wasi");
  CHECK_STR(pw->pw_shell, "/bin/sh");
}

static inline void check_group_root(const struct group *gr) {
  CHECK(gr != NULL);
  CHECK_STR(gr->gr_name, "root");
  CHECK_STR(gr->gr_passwd, "x");
  CHECK_INT(gr->gr_gid, 0);
  CHECK(gr->gr_mem != NULL);
  CHECK(gr->gr_mem[0] == NULL);
}

static inline void check_group_wasi(const struct group *gr) {
  CHECK(gr != NULL);
  CHECK_STR(gr->gr_name, "wasi");
  CHECK_STR(gr->gr_passwd, "x");
  CHECK_INT(gr->gr_gid, 1000);
  CHECK(gr->gr_mem != NULL);
  CHECK_STR(gr->gr_mem[0], "wasi");
  CHECK(gr->gr_mem[1] == NULL);
}

#endif
