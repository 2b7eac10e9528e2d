// policy: default
// stdout: ok

/* getgrnam_r under the default policy: the member array (aligned, NULL-terminated) and every string
 * live inside buf, even a misaligned one; a tiny buffer is ERANGE with *result NULL; absent gives 0 with *result NULL. */
#include <errno.h>
#include <grp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "default_db.h"
#include "guest.h"

int main(void) {
  static char storage[NSS_BUFLEN_GROUP + 1];
  char *buf = storage + 1; /* deliberately misaligned for the member array */
  size_t size = sizeof storage - 1;
  struct group entry, *result = NULL;
  CHECK_INT(getgrnam_r("wasi", &entry, buf, size, &result), 0);
  CHECK(result == &entry);
  check_group_wasi(result);
  CHECK((uintptr_t)entry.gr_mem % _Alignof(char *) == 0);
  CHECK((char *)entry.gr_mem >= buf &&
        (char *)(entry.gr_mem + 2) <= buf + size);
  CHECK(entry.gr_mem[0] >= buf && entry.gr_mem[0] < buf + size);
  CHECK(entry.gr_name >= buf && entry.gr_name < buf + size);
  CHECK_INT(getgrnam_r("root", &entry, buf, size, &result), 0);
  check_group_root(result);

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
