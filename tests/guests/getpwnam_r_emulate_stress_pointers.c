// policy: default
// stdout: ok

/* Stress: the user and group database's _r functions with null pointers and every buffer size from 0
 * up to enough. A null result, entry or buffer (with a length) fails with EFAULT instead of writing at
 * address 0 (which wasm does not trap); every too-small buffer is ERANGE with *result NULL and nothing
 * written past its end; the first size that fits gives the whole entry. */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>

#include "default_db.h"
#include "guest.h"

static char guard_zone[64];

int main(void) {
  struct passwd pwd, *pr = &pwd;
  struct group grp, *gr = &grp;
  char buf[512];
  memset(guard_zone, 0x5a, sizeof guard_zone);
  CHECK_INT(getpwnam_r("wasi", &pwd, buf, sizeof buf, NULL), EFAULT);
  CHECK_INT(getpwuid_r(1000, NULL, buf, sizeof buf, &pr), EFAULT);
  CHECK(pr == NULL);
  CHECK_INT(getpwnam_r("wasi", &pwd, NULL, 16, &pr), EFAULT);
  CHECK_INT(getgrgid_r(1000, &grp, buf, sizeof buf, NULL), EFAULT);
  CHECK_INT(getgrnam_r("wasi", NULL, buf, sizeof buf, &gr), EFAULT);
  CHECK(gr == NULL);
  for (int i = 0; i < (int)sizeof guard_zone; i++)
    CHECK_INT((unsigned char)guard_zone[i], 0x5a);

  size_t fits = 0;
  for (size_t size = 0; size <= sizeof buf - 8 && !fits; size++) {
    memset(buf, 0x7e, sizeof buf);
    int r = getpwnam_r("wasi", &pwd, size ? buf : NULL, size, &pr);
    if (r == ERANGE) {
      CHECK(pr == NULL);
    } else {
      CHECK_INT(r, 0);
      CHECK(pr == &pwd);
      check_passwd_wasi(&pwd);
      fits = size;
    }
    for (size_t i = size; i < sizeof buf; i++)
      CHECK_INT((unsigned char)buf[i], 0x7e);
  }
  CHECK(fits > 0);

  fits = 0;
  for (size_t size = 0; size <= sizeof buf - 8 && !fits; size++) {
    memset(buf, 0x7e, sizeof buf);
    int r = getgrgid_r(1000, &grp, size ? buf : NULL, size, &gr);
    if (r == ERANGE) {
      CHECK(gr == NULL);
    } else {
      CHECK_INT(r, 0);
      CHECK_STR(grp.gr_name, "wasi");
      fits = size;
    }
    for (size_t i = size; i < sizeof buf; i++)
      CHECK_INT((unsigned char)buf[i], 0x7e);
  }
  CHECK(fits > 0);
  puts("ok");
  return 0;
}
