/* area: tempfiles — temporary files and directories, which wasi-libc leaves out. Template functions
 * create exactly where the caller's template points (relative or absolute, as written); tmpfile,
 * tmpnam and tempnam use the policy's [paths] tmpdir, by default $TMPDIR and else /tmp. A WASI
 * program can only create under preopened directories: elsewhere the functions fail with the errno
 * the base's open() gives. Names come from arc4random (WASI's random_get). */
#include "shim.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

uint32_t arc4random(
    void); /* wasi-libc declares it only with _GNU_SOURCE or _BSD_SOURCE */

#define WS_ATTEMPTS 100

static void ws_randomize(char *x) {
  static const char letters[] =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  for (int i = 0; i < 6; i++)
    x[i] = letters[arc4random() % (sizeof letters - 1)];
}

/* The six X of a template followed by `suffix` bytes, or NULL with EINVAL. */
static char *ws_template_xs(char *tmpl, int suffix) {
  size_t n = tmpl ? strlen(tmpl) : 0;
  if (suffix < 0 || n < (size_t)suffix + 6 ||
      memcmp(tmpl + n - suffix - 6, "XXXXXX", 6) != 0) {
    errno = EINVAL;
    return 0;
  }
  return tmpl + n - suffix - 6;
}

/* mkstemp and friends: open with O_CREAT|O_EXCL, retrying on EEXIST. */
static int ws_make_file(char *tmpl, int suffix, int flags) {
  char *x = ws_template_xs(tmpl, suffix);
  if (!x)
    return -1;
  for (int i = 0; i < WS_ATTEMPTS; i++) {
    ws_randomize(x);
    int fd = open(tmpl, O_RDWR | O_CREAT | O_EXCL | (flags & ~O_ACCMODE), 0600);
    if (fd >= 0)
      return fd;
    if (errno != EEXIST)
      break;
  }
  memcpy(x, "XXXXXX", 6);
  return -1;
}

int WS_SYM(mkstemp)(char *tmpl) {
  WS_PROLOGUE(mkstemp);
  return ws_make_file(tmpl, 0, 0);
}

int WS_SYM(mkostemp)(char *tmpl, int flags) {
  WS_PROLOGUE(mkostemp);
  return ws_make_file(tmpl, 0, flags);
}

int WS_SYM(mkstemps)(char *tmpl, int suffixlen) {
  WS_PROLOGUE(mkstemps);
  return ws_make_file(tmpl, suffixlen, 0);
}

char *WS_SYM(mkdtemp)(char *tmpl) {
  WS_PROLOGUE(mkdtemp);
  char *x = ws_template_xs(tmpl, 0);
  if (!x)
    return 0;
  for (int i = 0; i < WS_ATTEMPTS; i++) {
    ws_randomize(x);
    if (mkdir(tmpl, 0700) == 0)
      return tmpl;
    if (errno != EEXIST)
      break;
  }
  memcpy(x, "XXXXXX", 6);
  return 0;
}

/* The directory tmpfile and tmpnam use: the policy's tmpdir, else $TMPDIR, else /tmp. */
static const char *ws_tmpdir(void) {
  if (WS_SETTING_PATHS_TMPDIR[0])
    return WS_SETTING_PATHS_TMPDIR;
  const char *env = getenv("TMPDIR");
  return env && env[0] ? env : P_tmpdir;
}

/* Writes dir/pfxXXXXXX into out (size bytes), or fails with ENAMETOOLONG; returns the X's. */
static char *ws_join(char *out, size_t size, const char *dir, const char *pfx) {
  size_t d = strlen(dir);
  while (d > 1 && dir[d - 1] == '/')
    d--;
  int n = snprintf(out, size, "%.*s/%sXXXXXX", (int)d, dir, pfx);
  if (n < 0 || (size_t)n >= size) {
    errno = ENAMETOOLONG;
    return 0;
  }
  return out + n - 6;
}

/* A name that does not exist yet (lstat fails with ENOENT); 0 with errno otherwise. */
static int ws_fresh_name(char *name, char *x) {
  struct stat st;
  for (int i = 0; i < WS_ATTEMPTS; i++) {
    ws_randomize(x);
    if (lstat(name, &st) != 0) {
      if (errno == ENOENT)
        return 1;
      return 0;
    }
  }
  errno = EEXIST;
  return 0;
}

FILE *WS_SYM(tmpfile)(void) {
  WS_PROLOGUE(tmpfile);
  char name[FILENAME_MAX];
  if (!ws_join(name, sizeof name, ws_tmpdir(), "tmp"))
    return 0;
  int fd = ws_make_file(name, 0, 0);
  if (fd < 0)
    return 0;
  unlink(name);
  FILE *f = fdopen(fd, "w+");
  if (!f) {
    int saved = errno;
    close(fd);
    errno = saved;
  }
  return f;
}

char *WS_SYM(tmpnam)(char *s) {
  WS_PROLOGUE(tmpnam);
  static char buf[L_tmpnam];
  char *out = s ? s : buf;
  char name[L_tmpnam];
  char *x = ws_join(name, sizeof name, ws_tmpdir(), "tmpnam_");
  if (!x || !ws_fresh_name(name, x))
    return 0;
  strcpy(out, name);
  return out;
}

char *WS_SYM(tempnam)(const char *dir, const char *pfx) {
  WS_PROLOGUE(tempnam);
  const char *d = WS_SETTING_PATHS_TMPDIR;
  if (!d[0]) {
    d = getenv("TMPDIR");
    if (!d || !d[0])
      d = dir && dir[0] ? dir : P_tmpdir;
  }
  char p[6];
  snprintf(p, sizeof p, "%s", pfx ? pfx : "file");
  char name[FILENAME_MAX];
  char *x = ws_join(name, sizeof name, d, p);
  if (!x || !ws_fresh_name(name, x))
    return 0;
  return strdup(name);
}
