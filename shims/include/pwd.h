/* <pwd.h> for wasm32-wasi (wasi-shim, identity area): the passwd database, which wasi-libc leaves
 * out. struct passwd has musl's layout; the functions answer from the policy's user database. */
#ifndef _PWD_H
#define _PWD_H

#include <features.h>

#define __NEED_size_t
#define __NEED_uid_t
#define __NEED_gid_t
#include <bits/alltypes.h>

struct passwd {
  char *pw_name;
  char *pw_passwd;
  uid_t pw_uid;
  gid_t pw_gid;
  char *pw_gecos;
  char *pw_dir;
  char *pw_shell;
};

/* A buffer size that fits any entry of a reasonable database for getpwnam_r/getpwuid_r (glibc's value). */
#define NSS_BUFLEN_PASSWD 1024

/* @WASI_SHIM_DECLARATIONS@ */

#endif
