/* <spawn.h> for wasm32-wasi (wasi-shim, process area). wasi-libc has no such header; this is musl's
 * (posix_spawnattr_t and posix_spawn_file_actions_t laid out as musl lays them out, the
 * POSIX_SPAWN_* flags), with the catalog's prototypes. posix_spawn and posix_spawnp return an error
 * number (ENOSYS under the default policy): a WASI program cannot create processes. The attribute
 * and file-action functions work: they only build the data posix_spawn would read. */
#ifndef WASI_SHIM_SPAWN_H
#define WASI_SHIM_SPAWN_H

#include <features.h>
#include <sys/types.h>
#include <signal.h> /* sigset_t: the overlay's 128-byte musl set */

struct sched_param;

#define POSIX_SPAWN_RESETIDS 1
#define POSIX_SPAWN_SETPGROUP 2
#define POSIX_SPAWN_SETSIGDEF 4
#define POSIX_SPAWN_SETSIGMASK 8
#define POSIX_SPAWN_SETSCHEDPARAM 16
#define POSIX_SPAWN_SETSCHEDULER 32
#define POSIX_SPAWN_USEVFORK 64
#define POSIX_SPAWN_SETSID 128

typedef struct {
  int __flags;
  pid_t __pgrp;
  sigset_t __def, __mask;
  int __prio, __pol;
  void *__fn;
  char __pad[64 - sizeof(void *)];
} posix_spawnattr_t;

typedef struct {
  int __pad0[2];
  void *__actions;
  int __pad[16];
} posix_spawn_file_actions_t;

/* @WASI_SHIM_DECLARATIONS@ */

#endif
