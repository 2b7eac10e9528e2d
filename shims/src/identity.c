/* area: identity — user and group ids, privilege changes and supplementary groups of the emulated
 * identity (the passwd/group databases are in userdb.c, file ownership in ownership.c).
 *
 * The emulated ids live in one `struct ws_ids` (common.c: initialised on first use from the policy
 * values of getuid/geteuid/getgid/getegid, each overridable once from the environment variable the
 * policy names for it). The getters report that state, so a successful setuid is visible to getuid.
 * Privilege follows POSIX: an effective uid of 0 is privileged. */
#include "shim.h"

#include <errno.h>
#include <grp.h>
#include <string.h>
#include <unistd.h>

/* ---------------------------------------------------------------- getters */

uid_t WS_SYM(getuid)(void) {
  WS_PROLOGUE(getuid);
  return ws_ids()->ruid;
}

uid_t WS_SYM(geteuid)(void) {
  WS_PROLOGUE(geteuid);
  return ws_ids()->euid;
}

gid_t WS_SYM(getgid)(void) {
  WS_PROLOGUE(getgid);
  return ws_ids()->rgid;
}

gid_t WS_SYM(getegid)(void) {
  WS_PROLOGUE(getegid);
  return ws_ids()->egid;
}

int WS_SYM(getresuid)(uid_t *ruid, uid_t *euid, uid_t *suid) {
  WS_PROLOGUE(getresuid);
  if (!ruid || !euid || !suid)
    return ws_fail(EFAULT);
  struct ws_ids *ids = ws_ids();
  *ruid = ids->ruid;
  *euid = ids->euid;
  *suid = ids->suid;
  return 0;
}

int WS_SYM(getresgid)(gid_t *rgid, gid_t *egid, gid_t *sgid) {
  WS_PROLOGUE(getresgid);
  if (!rgid || !egid || !sgid)
    return ws_fail(EFAULT);
  struct ws_ids *ids = ws_ids();
  *rgid = ids->rgid;
  *egid = ids->egid;
  *sgid = ids->sgid;
  return 0;
}

/* ---------------------------------------------------------------- setters
 * uid_t and gid_t are the same unsigned type here, so one set of rules serves users and groups:
 * `privileged` is always "the effective uid is 0", even when group ids change. */

typedef uid_t ws_id;
_Static_assert(_Generic((gid_t)0, ws_id: 1, default: 0),
               "uid_t and gid_t are the same type");
_Static_assert((ws_id)-1 > 0, "ids are unsigned");

static int ws_is_privileged(void) { return ws_ids()->euid == 0; }

/* setuid/setgid: privileged callers set all three ids, others only the effective one, to their real or saved id. */
static int ws_set_id(ws_id id, ws_id *r, ws_id *e, ws_id *s) {
  if (id == (ws_id)-1)
    return ws_fail(EINVAL);
  if (ws_is_privileged()) {
    *r = *e = *s = id;
    return 0;
  }
  if (id != *r && id != *s)
    return ws_fail(EPERM);
  *e = id;
  return 0;
}

/* seteuid/setegid: the effective id, when privileged or when it equals the real or saved id. */
static int ws_set_effective(ws_id id, ws_id *r, ws_id *e, ws_id *s) {
  if (id == (ws_id)-1)
    return ws_fail(EINVAL);
  if (!ws_is_privileged() && id != *r && id != *s)
    return ws_fail(EPERM);
  *e = id;
  return 0;
}

/* setreuid/setregid, Linux rules: -1 leaves an id unchanged; unprivileged callers may set the real id
 * to the real or effective id, and the effective id to the real, effective or saved id. The saved id
 * becomes the new effective id when the real id is set or the effective id moves away from the old real id. */
static int ws_set_real_effective(ws_id nr, ws_id ne, ws_id *r, ws_id *e,
                                 ws_id *s) {
  const ws_id keep = (ws_id)-1;
  if (!ws_is_privileged()) {
    if (nr != keep && nr != *r && nr != *e)
      return ws_fail(EPERM);
    if (ne != keep && ne != *r && ne != *e && ne != *s)
      return ws_fail(EPERM);
  }
  ws_id old_r = *r;
  if (nr != keep)
    *r = nr;
  if (ne != keep)
    *e = ne;
  if (nr != keep || (ne != keep && ne != old_r))
    *s = *e;
  return 0;
}

/* setresuid/setresgid, Linux rules: -1 leaves an id unchanged; unprivileged callers may only pick
 * among their current real, effective and saved ids. */
static int ws_set_all(ws_id nr, ws_id ne, ws_id ns, ws_id *r, ws_id *e,
                      ws_id *s) {
  const ws_id keep = (ws_id)-1;
  if (!ws_is_privileged()) {
    const ws_id wanted[3] = {nr, ne, ns};
    for (int i = 0; i < 3; i++)
      if (wanted[i] != keep && wanted[i] != *r && wanted[i] != *e &&
          wanted[i] != *s)
        return ws_fail(EPERM);
  }
  if (nr != keep)
    *r = nr;
  if (ne != keep)
    *e = ne;
  if (ns != keep)
    *s = ns;
  return 0;
}

/* Pointers to the emulated ids, shared by the user and group setters. */
#define WS_U(field) (&ws_ids()->field)

int WS_SYM(setuid)(uid_t uid) {
  WS_PROLOGUE(setuid);
  return ws_set_id(uid, WS_U(ruid), WS_U(euid), WS_U(suid));
}

int WS_SYM(seteuid)(uid_t uid) {
  WS_PROLOGUE(seteuid);
  return ws_set_effective(uid, WS_U(ruid), WS_U(euid), WS_U(suid));
}

int WS_SYM(setgid)(gid_t gid) {
  WS_PROLOGUE(setgid);
  return ws_set_id(gid, WS_U(rgid), WS_U(egid), WS_U(sgid));
}

int WS_SYM(setegid)(gid_t gid) {
  WS_PROLOGUE(setegid);
  return ws_set_effective(gid, WS_U(rgid), WS_U(egid), WS_U(sgid));
}

int WS_SYM(setreuid)(uid_t ruid, uid_t euid) {
  WS_PROLOGUE(setreuid);
  return ws_set_real_effective(ruid, euid, WS_U(ruid), WS_U(euid), WS_U(suid));
}

int WS_SYM(setregid)(gid_t rgid, gid_t egid) {
  WS_PROLOGUE(setregid);
  return ws_set_real_effective(rgid, egid, WS_U(rgid), WS_U(egid), WS_U(sgid));
}

int WS_SYM(setresuid)(uid_t ruid, uid_t euid, uid_t suid) {
  WS_PROLOGUE(setresuid);
  return ws_set_all(ruid, euid, suid, WS_U(ruid), WS_U(euid), WS_U(suid));
}

int WS_SYM(setresgid)(gid_t rgid, gid_t egid, gid_t sgid) {
  WS_PROLOGUE(setresgid);
  return ws_set_all(rgid, egid, sgid, WS_U(rgid), WS_U(egid), WS_U(sgid));
}

/* ---------------------------------------------------------------- supplementary groups */

int WS_SYM(getgroups)(int size, gid_t list[]) {
  WS_PROLOGUE(getgroups);
  struct ws_ids *ids = ws_ids();
  if (size == 0)
    return ids->ngroups;
  if (size < ids->ngroups || size < 0)
    return ws_fail(EINVAL);
  if (!list)
    return ws_fail(EFAULT);
  for (int i = 0; i < ids->ngroups; i++)
    list[i] = ids->groups[i];
  return ids->ngroups;
}

int WS_SYM(setgroups)(size_t size, const gid_t *list) {
  WS_PROLOGUE(setgroups);
  if (!ws_is_privileged())
    return ws_fail(EPERM);
  if (size > (size_t)WS_MAX_GROUPS)
    return ws_fail(EINVAL);
  if (size > 0 && !list)
    return ws_fail(EFAULT);
  struct ws_ids *ids = ws_ids();
  for (size_t i = 0; i < size; i++)
    ids->groups[i] = list[i];
  ids->ngroups = (int)size;
  return 0;
}

/* `group`, then every group of the policy database listing `user` (other than `group`), in database
 * order: stores as many as `capacity` allows and returns how many there are. */
static int ws_groups_of(const char *user, gid_t group, gid_t *out,
                        int capacity) {
  int count = 0;
  if (count < capacity)
    out[count] = group;
  count++;
  for (int i = 0; i < __wasi_shim_group_count; i++) {
    const struct ws_group *g = &__wasi_shim_groups[i];
    if (g->gid == group)
      continue;
    for (const char *const *m = g->members; m && *m; m++) {
      if (user && strcmp(*m, user) == 0) {
        if (count < capacity)
          out[count] = g->gid;
        count++;
        break;
      }
    }
  }
  return count;
}

int WS_SYM(initgroups)(const char *user, gid_t group) {
  WS_PROLOGUE(initgroups);
  if (!ws_is_privileged())
    return ws_fail(EPERM);
  gid_t list[WS_MAX_GROUPS];
  int count = ws_groups_of(user, group, list, WS_MAX_GROUPS);
  if (count > WS_MAX_GROUPS)
    return ws_fail(EINVAL);
  struct ws_ids *ids = ws_ids();
  for (int i = 0; i < count; i++)
    ids->groups[i] = list[i];
  ids->ngroups = count;
  return 0;
}

int WS_SYM(getgrouplist)(const char *user, gid_t group, gid_t *groups,
                         int *ngroups) {
  WS_PROLOGUE(getgrouplist);
  if (!ngroups)
    return ws_fail(EFAULT);
  int capacity = *ngroups > 0 && groups ? *ngroups : 0;
  int count = ws_groups_of(user, group, groups, capacity);
  *ngroups = count;
  return count > capacity ? -1 : count;
}

/* ---------------------------------------------------------------- login name */

char *WS_SYM(getlogin)(void) {
  WS_PROLOGUE(getlogin);
  /* A copy, so a caller writing into the answer cannot change the policy's name for later calls. */
  static char name[256];
  const char *user = WS_ENV_STRING(getlogin);
  size_t len = strlen(user);
  if (len >= sizeof name) {
    errno = ERANGE;
    return 0;
  }
  memcpy(name, user, len + 1);
  return name;
}

int WS_SYM(getlogin_r)(char *name, size_t size) {
  WS_PROLOGUE(getlogin_r);
  const char *user = WS_ENV_STRING(getlogin_r);
  size_t len = strlen(user);
  if (!name || len >= size)
    return ERANGE;
  memcpy(name, user, len + 1);
  return 0;
}
