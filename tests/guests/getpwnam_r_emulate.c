// policy: default
// stdout: ok

/* getpwnam_r under the default policy: fills the caller's entry with strings inside buf; a buffer one
 * byte short of the 44 the "wasi" entry needs is ERANGE with *result NULL; absent gives 0 with *result NULL. */
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>

#include "default_db.h"
#include "guest.h"

int main(void) {
  char buf[NSS_BUFLEN_PASSWD];
  struct passwd entry, *result = NULL;
  CHECK_INT(getpwnam_r("wasi", &entry, buf, sizeof buf, &result), 0);
  CHECK(result == &entry);
  check_passwd_wasi(result);
  CHECK(entry.pw_name >= buf && entry.pw_shell < buf + sizeof buf);
  CHECK_INT(getpwnam_r("root", &entry, buf, sizeof buf, &result), 0);
  check_passwd_root(result);

  /* "wasi" "x" "WASI sandbox user" "/home/wasi" "/bin/sh", each with its terminator: 44 bytes */
  char exact[44];
  result = NULL;
  CHECK_INT(getpwnam_r("wasi", &entry, exact, sizeof exact, &result), 0);
  check_passwd_wasi(result);
  char tiny[4];
  result = &entry;
  CHECK_INT(getpwnam_r("wasi", &entry, tiny, sizeof tiny, &result), ERANGE);
  CHECK(result == NULL);
  result = &entry;
  CHECK_INT(getpwnam_r("wasi", &entry, exact, sizeof exact - 1, &result),
            ERANGE);
  CHECK(result == NULL);

  result = &entry;
  CHECK_INT(getpwnam_r("nobody", &entry, buf, sizeof buf, &result), 0);
  CHECK(result == NULL);
  puts("ok");
  return 0;
}
