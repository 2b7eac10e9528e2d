/* area: syslog — the system log as one stderr line per message: `ident[pid]: level: message`.
 * WASI has no log daemon and stderr is where a sandboxed program's diagnostics go, so LOG_PERROR,
 * LOG_CONS and the delay options change nothing. The ident is openlog's, else the policy's
 * [syslog] ident, else the basename of argv[0] as the runtime passes it, else "syslog". */
#include "shim.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>
#ifdef WS_COMPONENT
#include <wasi/wasip2.h>
#else
#include <wasi/api.h>
#endif

static const char *ws_ident;
static int ws_options;
static int ws_facility = LOG_USER;
static int ws_mask = LOG_UPTO(LOG_DEBUG);

/* Copies the basename of `argv0` (`len` bytes, not terminated) into `name`. */
static void ws_set_program_name(char *name, size_t cap, const char *argv0,
                                size_t len) {
  size_t start = len;
  while (start > 0 && argv0[start - 1] != '/')
    start--;
  size_t n = len - start;
  if (n >= cap)
    n = cap - 1;
  memcpy(name, argv0 + start, n);
  name[n] = 0;
}

/* The program's name: the basename of argv[0], read once from the runtime (preview 1's args_get, or
 * preview 2's wasi:cli/environment). */
static const char *ws_program_name(void) {
  static char name[64];
  static int ready;
  if (!ready) {
    ready = 1;
#ifdef WS_COMPONENT
    wasip2_list_string_t args;
    environment_get_arguments(&args);
    if (args.len > 0)
      ws_set_program_name(name, sizeof name, (const char *)args.ptr[0].ptr,
                          args.ptr[0].len);
    wasip2_list_string_free(&args);
#else
    size_t argc = 0, size = 0;
    if (__wasi_args_sizes_get(&argc, &size) == 0 && argc > 0 && size > 0 &&
        size <= 65536) {
      char *buf = malloc(size);
      char **argv = malloc(argc * sizeof *argv);
      if (buf && argv && __wasi_args_get((uint8_t **)argv, (uint8_t *)buf) == 0)
        ws_set_program_name(name, sizeof name, argv[0], strlen(argv[0]));
      free(buf);
      free(argv);
    }
#endif
    if (!name[0])
      strcpy(name, "syslog");
  }
  return name;
}

static const char *ws_current_ident(void) {
  if (ws_ident && ws_ident[0])
    return ws_ident;
  if (WS_SETTING_SYSLOG_IDENT[0])
    return WS_SETTING_SYSLOG_IDENT;
  return ws_program_name();
}

static const char *const ws_levels[8] = {"emerg",   "alert",  "crit", "err",
                                         "warning", "notice", "info", "debug"};

/* Formats the message with %m expanded to strerror(errno), and writes the whole line at once. */
static void ws_log(int priority, const char *format, va_list ap) {
  int saved = errno;
  if (!(ws_mask & LOG_MASK(LOG_PRI(priority))))
    return;
  /* %m -> strerror(saved), %% kept for vsnprintf */
  char fmt[1024];
  size_t o = 0;
  const char *msg = strerror(saved);
  for (const char *p = format ? format : ""; *p && o < sizeof fmt - 1; p++) {
    if (p[0] == '%' && p[1] == '%') {
      if (o + 2 >= sizeof fmt)
        break;
      fmt[o++] = '%';
      fmt[o++] = '%';
      p++;
    } else if (p[0] == '%' && p[1] == 'm') {
      for (const char *m = msg; *m && o < sizeof fmt - 2; m++) {
        if (*m == '%')
          fmt[o++] = '%';
        fmt[o++] = *m;
      }
      p++;
    } else {
      fmt[o++] = *p;
    }
  }
  fmt[o] = 0;
  char text[2048];
  int n;
  if (ws_options & LOG_PID)
    n = snprintf(text, sizeof text, "%s[%d]: %s: ", ws_current_ident(),
                 (int)ws_self_pid(), ws_levels[LOG_PRI(priority)]);
  else
    n = snprintf(text, sizeof text, "%s: %s: ", ws_current_ident(),
                 ws_levels[LOG_PRI(priority)]);
  if (n < 0)
    n = 0;
  if ((size_t)n < sizeof text)
    vsnprintf(text + n, sizeof text - (size_t)n, fmt, ap);
  size_t len = strlen(text);
  if (len > sizeof text - 2)
    len = sizeof text - 2;
  if (len == 0 || text[len - 1] != '\n')
    text[len++] = '\n';
  const char *p = text;
  while (len > 0) {
    ssize_t w = write(2, p, len);
    if (w < 0 && errno == EINTR)
      continue;
    if (w <= 0)
      break;
    p += w;
    len -= (size_t)w;
  }
  errno = saved;
}

void WS_SYM(openlog)(const char *ident, int option, int facility) {
  WS_PROLOGUE(openlog);
  ws_ident = ident;
  ws_options = option;
  if (facility != 0)
    ws_facility = facility;
  (void)ws_facility;
}

void WS_SYM(syslog)(int priority, const char *format, ...) {
  WS_PROLOGUE(syslog);
  va_list ap;
  va_start(ap, format);
  ws_log(priority, format, ap);
  va_end(ap);
}

void WS_SYM(vsyslog)(int priority, const char *format, va_list ap) {
  WS_PROLOGUE(vsyslog);
  ws_log(priority, format, ap);
}

void WS_SYM(closelog)(void) {
  WS_PROLOGUE(closelog);
  ws_ident = 0;
  ws_options = 0;
  ws_facility = LOG_USER;
}

int WS_SYM(setlogmask)(int mask) {
  WS_PROLOGUE(setlogmask);
  int old = ws_mask;
  if (mask != 0)
    ws_mask = mask;
  return old;
}
