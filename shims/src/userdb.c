/* area: identity — the passwd and group databases, fixed by the policy (root, the identity user and
 * group, then the policy's [[users]] and [[groups]], in that order).
 *
 * The _r functions copy every string (and, for groups, the NULL-terminated member array) into the
 * caller's buffer; the others fill a static entry whose strings live in a static buffer grown as
 * needed, so a caller writing into an answer cannot change the database. Absent entries give NULL
 * with errno unchanged (0 and *result NULL for the _r functions), as POSIX asks. */
#include "shim.h"

#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

const struct ws_user __wasi_shim_users[] = WS_USERS_INIT;
const int __wasi_shim_user_count =
    (int)(sizeof __wasi_shim_users / sizeof __wasi_shim_users[0]);
const struct ws_group __wasi_shim_groups[] = WS_GROUPS_INIT;
const int __wasi_shim_group_count =
    (int)(sizeof __wasi_shim_groups / sizeof __wasi_shim_groups[0]);

/* ---------------------------------------------------------------- lookups */

static const struct ws_user *ws_user_by_name(const char *name) {
  for (int i = 0; name && i < __wasi_shim_user_count; i++)
    if (strcmp(__wasi_shim_users[i].name, name) == 0)
      return &__wasi_shim_users[i];
  return NULL;
}

static const struct ws_user *ws_user_by_uid(uid_t uid) {
  for (int i = 0; i < __wasi_shim_user_count; i++)
    if (__wasi_shim_users[i].uid == uid)
      return &__wasi_shim_users[i];
  return NULL;
}

static const struct ws_group *ws_group_by_name(const char *name) {
  for (int i = 0; name && i < __wasi_shim_group_count; i++)
    if (strcmp(__wasi_shim_groups[i].name, name) == 0)
      return &__wasi_shim_groups[i];
  return NULL;
}

static const struct ws_group *ws_group_by_gid(gid_t gid) {
  for (int i = 0; i < __wasi_shim_group_count; i++)
    if (__wasi_shim_groups[i].gid == gid)
      return &__wasi_shim_groups[i];
  return NULL;
}

/* ---------------------------------------------------------------- copying entries into a buffer */

/* A bump allocator over the caller's buffer. */
struct ws_buf {
  char *next;
  size_t left;
};

static char *ws_buf_string(struct ws_buf *b, const char *s) {
  size_t n = strlen(s ? s : "") + 1;
  if (n > b->left)
    return NULL;
  char *out = b->next;
  memcpy(out, s ? s : "", n);
  b->next += n;
  b->left -= n;
  return out;
}

static size_t ws_user_size(const struct ws_user *u) {
  return strlen(u->name) + strlen(u->passwd) + strlen(u->gecos) +
         strlen(u->home) + strlen(u->shell) + 5;
}

/* 0, or ERANGE when buf is too small. */
static int ws_fill_passwd(const struct ws_user *u, struct passwd *pw, char *buf,
                          size_t len) {
  if (!buf || len < ws_user_size(u))
    return ERANGE;
  struct ws_buf b = {buf, len};
  pw->pw_name = ws_buf_string(&b, u->name);
  pw->pw_passwd = ws_buf_string(&b, u->passwd);
  pw->pw_uid = u->uid;
  pw->pw_gid = u->gid;
  pw->pw_gecos = ws_buf_string(&b, u->gecos);
  pw->pw_dir = ws_buf_string(&b, u->home);
  pw->pw_shell = ws_buf_string(&b, u->shell);
  return 0;
}

static size_t ws_member_count(const struct ws_group *g) {
  size_t n = 0;
  for (const char *const *m = g->members; m && *m; m++)
    n++;
  return n;
}

/* Worst case: alignment padding, the member pointers and their terminator, then the strings. */
static size_t ws_group_size(const struct ws_group *g) {
  size_t size = alignof(char *) - 1 + (ws_member_count(g) + 1) * sizeof(char *);
  size += strlen(g->name) + strlen(g->passwd) + 2;
  for (const char *const *m = g->members; m && *m; m++)
    size += strlen(*m) + 1;
  return size;
}

static int ws_fill_group(const struct ws_group *g, struct group *gr, char *buf,
                         size_t len) {
  if (!buf || len < ws_group_size(g))
    return ERANGE;
  size_t pad =
      (alignof(char *) - (uintptr_t)buf % alignof(char *)) % alignof(char *);
  size_t count = ws_member_count(g);
  char **members = (char **)(void *)(buf + pad);
  size_t array = pad + (count + 1) * sizeof(char *);
  struct ws_buf b = {buf + array, len - array};
  gr->gr_name = ws_buf_string(&b, g->name);
  gr->gr_passwd = ws_buf_string(&b, g->passwd);
  gr->gr_gid = g->gid;
  for (size_t i = 0; i < count; i++)
    members[i] = ws_buf_string(&b, g->members[i]);
  members[count] = NULL;
  gr->gr_mem = members;
  return 0;
}

/* The static storage the non-reentrant functions answer from, grown to fit the largest entry asked. */
struct ws_static_buf {
  char *data;
  size_t size;
};

static char *ws_static_buf(struct ws_static_buf *s, size_t needed) {
  if (needed > s->size) {
    char *grown = realloc(s->data, needed);
    if (!grown)
      return NULL; /* errno is ENOMEM */
    s->data = grown;
    s->size = needed;
  }
  return s->data;
}

/* One per non-reentrant function, so that, as with glibc, a getpwent loop survives getpwuid calls. */
struct ws_passwd_slot {
  struct passwd entry;
  struct ws_static_buf storage;
};

struct ws_group_slot {
  struct group entry;
  struct ws_static_buf storage;
};

static struct passwd *ws_static_passwd(struct ws_passwd_slot *slot,
                                       const struct ws_user *u) {
  if (!u)
    return NULL;
  size_t needed = ws_user_size(u);
  char *buf = ws_static_buf(&slot->storage, needed);
  if (!buf)
    return NULL;
  ws_fill_passwd(u, &slot->entry, buf, needed);
  return &slot->entry;
}

static struct group *ws_static_group(struct ws_group_slot *slot,
                                     const struct ws_group *g) {
  if (!g)
    return NULL;
  size_t needed = ws_group_size(g);
  char *buf = ws_static_buf(&slot->storage, needed);
  if (!buf)
    return NULL;
  ws_fill_group(g, &slot->entry, buf, needed);
  return &slot->entry;
}

/* ---------------------------------------------------------------- passwd database */

struct passwd *WS_SYM(getpwnam)(const char *name) {
  WS_PROLOGUE(getpwnam);
  static struct ws_passwd_slot slot;
  return ws_static_passwd(&slot, ws_user_by_name(name));
}

struct passwd *WS_SYM(getpwuid)(uid_t uid) {
  WS_PROLOGUE(getpwuid);
  static struct ws_passwd_slot slot;
  return ws_static_passwd(&slot, ws_user_by_uid(uid));
}

/* The _r functions' pointers. *result is cleared before the prologue, so that it is NULL on every
 * failure, the error behaviour's included; a null pointer would be written at address 0, which wasm does
 * not trap (POSIX leaves it undefined), so the emulation fails with EFAULT as getresuid does. */
#define WS_R_CLEAR(result)                                                     \
  do {                                                                         \
    if (result)                                                                \
      *(result) = NULL;                                                        \
  } while (0)
#define WS_R_POINTERS(entry, buf, buflen, result)                              \
  do {                                                                         \
    if (!(result) || !(entry) || (!(buf) && (buflen)))                         \
      return EFAULT;                                                           \
  } while (0)

static int ws_passwd_r(const struct ws_user *u, struct passwd *pwd, char *buf,
                       size_t buflen, struct passwd **result) {
  if (!u)
    return 0;
  int error = ws_fill_passwd(u, pwd, buf, buflen);
  if (error == 0)
    *result = pwd;
  return error;
}

int WS_SYM(getpwnam_r)(const char *name, struct passwd *pwd, char *buf,
                       size_t buflen, struct passwd **result) {
  WS_R_CLEAR(result);
  WS_PROLOGUE(getpwnam_r);
  WS_R_POINTERS(pwd, buf, buflen, result);
  return ws_passwd_r(ws_user_by_name(name), pwd, buf, buflen, result);
}

int WS_SYM(getpwuid_r)(uid_t uid, struct passwd *pwd, char *buf, size_t buflen,
                       struct passwd **result) {
  WS_R_CLEAR(result);
  WS_PROLOGUE(getpwuid_r);
  WS_R_POINTERS(pwd, buf, buflen, result);
  return ws_passwd_r(ws_user_by_uid(uid), pwd, buf, buflen, result);
}

static int ws_next_user;

struct passwd *WS_SYM(getpwent)(void) {
  WS_PROLOGUE(getpwent);
  if (ws_next_user >= __wasi_shim_user_count)
    return NULL;
  static struct ws_passwd_slot slot;
  return ws_static_passwd(&slot, &__wasi_shim_users[ws_next_user++]);
}

void WS_SYM(setpwent)(void) {
  WS_PROLOGUE(setpwent);
  ws_next_user = 0;
}

void WS_SYM(endpwent)(void) {
  WS_PROLOGUE(endpwent);
  ws_next_user = 0;
}

/* ---------------------------------------------------------------- group database */

struct group *WS_SYM(getgrnam)(const char *name) {
  WS_PROLOGUE(getgrnam);
  static struct ws_group_slot slot;
  return ws_static_group(&slot, ws_group_by_name(name));
}

struct group *WS_SYM(getgrgid)(gid_t gid) {
  WS_PROLOGUE(getgrgid);
  static struct ws_group_slot slot;
  return ws_static_group(&slot, ws_group_by_gid(gid));
}

static int ws_group_r(const struct ws_group *g, struct group *grp, char *buf,
                      size_t buflen, struct group **result) {
  if (!g)
    return 0;
  int error = ws_fill_group(g, grp, buf, buflen);
  if (error == 0)
    *result = grp;
  return error;
}

int WS_SYM(getgrnam_r)(const char *name, struct group *grp, char *buf,
                       size_t buflen, struct group **result) {
  WS_R_CLEAR(result);
  WS_PROLOGUE(getgrnam_r);
  WS_R_POINTERS(grp, buf, buflen, result);
  return ws_group_r(ws_group_by_name(name), grp, buf, buflen, result);
}

int WS_SYM(getgrgid_r)(gid_t gid, struct group *grp, char *buf, size_t buflen,
                       struct group **result) {
  WS_R_CLEAR(result);
  WS_PROLOGUE(getgrgid_r);
  WS_R_POINTERS(grp, buf, buflen, result);
  return ws_group_r(ws_group_by_gid(gid), grp, buf, buflen, result);
}

static int ws_next_group;

struct group *WS_SYM(getgrent)(void) {
  WS_PROLOGUE(getgrent);
  if (ws_next_group >= __wasi_shim_group_count)
    return NULL;
  static struct ws_group_slot slot;
  return ws_static_group(&slot, &__wasi_shim_groups[ws_next_group++]);
}

void WS_SYM(setgrent)(void) {
  WS_PROLOGUE(setgrent);
  ws_next_group = 0;
}

void WS_SYM(endgrent)(void) {
  WS_PROLOGUE(endgrent);
  ws_next_group = 0;
}
