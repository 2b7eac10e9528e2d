/* <grp.h> for wasm32-wasi (wasi-shim, identity area): the group database, which wasi-libc leaves
 * out. struct group has musl's layout; the functions answer from the policy's group database. */
#ifndef _GRP_H
#define _GRP_H

#include <features.h>

#define __NEED_size_t
#define __NEED_gid_t
#include <bits/alltypes.h>

struct group {
  char *gr_name;
  char *gr_passwd;
  gid_t gr_gid;
  char **gr_mem;
};

/* A buffer size that fits any entry of a reasonable database for getgrnam_r/getgrgid_r (glibc's value). */
#define NSS_BUFLEN_GROUP 1024

/* @WASI_SHIM_DECLARATIONS@ */

#endif
