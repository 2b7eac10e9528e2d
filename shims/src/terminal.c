/* area: terminal — terminal names and attributes that agree with wasi-libc's isatty(): a descriptor
 * isatty() rejects is not a terminal (ENOTTY, EBADF when not open). For one it accepts (the runtime
 * reports a character device), the attributes live in this process: tcgetattr answers what
 * tcsetattr last recorded, initially `stty sane` at 38400 baud, shared by every terminal descriptor.
 * The cf* functions work on the caller's structure for real. Pseudo-terminals cannot exist. */
#include "shim.h"

#include <errno.h>
#include <pty.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>
#include <utmp.h>

/* 1 when fd is a terminal; otherwise 0 with errno ENOTTY, or EBADF when fd is not open. */
static int ws_tty(int fd) {
  int saved = errno;
  if (isatty(fd)) {
    errno = saved;
    return 1;
  }
  if (errno != EBADF)
    errno = ENOTTY;
  return 0;
}

/* The attributes of `stty sane` on Linux, at 38400 baud. */
static struct termios ws_attr = {
    .c_iflag = BRKINT | ICRNL | IMAXBEL | IXON | IUTF8,
    .c_oflag = OPOST | ONLCR,
    .c_cflag = B38400 | CS8 | CREAD | HUPCL,
    .c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | IEXTEN | ECHOCTL | ECHOKE,
    .c_line = 0,
    .c_cc =
        {
            [VINTR] = 003,
            [VQUIT] = 034,
            [VERASE] = 0177,
            [VKILL] = 025,
            [VEOF] = 004,
            [VTIME] = 0,
            [VMIN] = 1,
            [VSTART] = 021,
            [VSTOP] = 023,
            [VSUSP] = 032,
            [VREPRINT] = 022,
            [VDISCARD] = 017,
            [VWERASE] = 027,
            [VLNEXT] = 026,
        },
    .__c_ispeed = B38400,
    .__c_ospeed = B38400,
};

/* ---------------------------------------------------------------- names */

char *WS_SYM(ttyname)(int fd) {
  WS_PROLOGUE(ttyname);
  static char name[256];
  if (!ws_tty(fd))
    return 0;
  size_t n = strlen(WS_SETTING_TERMINAL_NAME);
  if (n >= sizeof name) {
    errno = ERANGE;
    return 0;
  }
  memcpy(name, WS_SETTING_TERMINAL_NAME, n + 1);
  return name;
}

int WS_SYM(ttyname_r)(int fd, char *buf, size_t size) {
  WS_PROLOGUE(ttyname_r);
  int saved = errno;
  if (!ws_tty(fd)) {
    int error = errno;
    errno = saved;
    return error;
  }
  size_t n = strlen(WS_SETTING_TERMINAL_NAME);
  if (!buf || n >= size)
    return ERANGE;
  memcpy(buf, WS_SETTING_TERMINAL_NAME, n + 1);
  return 0;
}

char *WS_SYM(ctermid)(char *s) {
  WS_PROLOGUE(ctermid);
  static char name[L_ctermid];
  char *out = s ? s : name;
  strcpy(out, "/dev/tty");
  return out;
}

char *WS_SYM(cuserid)(char *s) {
  WS_PROLOGUE(cuserid);
  static char name[L_cuserid];
  const char *user = WS_ENV_STRING(cuserid);
  char *out = s ? s : name;
  size_t n = strlen(user);
  if (n >= L_cuserid)
    n = L_cuserid - 1; /* glibc and musl truncate to L_cuserid too */
  memcpy(out, user, n);
  out[n] = 0;
  return out;
}

/* ---------------------------------------------------------------- attributes */

int WS_SYM(tcgetattr)(int fd, struct termios *termios_p) {
  WS_PROLOGUE(tcgetattr);
  if (!ws_tty(fd))
    return -1;
  if (!termios_p) {
    return ws_fail(EFAULT);
  }
  *termios_p = ws_attr;
  return 0;
}

int WS_SYM(tcsetattr)(int fd, int optional_actions,
                      const struct termios *termios_p) {
  WS_PROLOGUE(tcsetattr);
  if (!ws_tty(fd))
    return -1;
  if (optional_actions != TCSANOW && optional_actions != TCSADRAIN &&
      optional_actions != TCSAFLUSH) {
    return ws_fail(EINVAL);
  }
  if (!termios_p) {
    return ws_fail(EFAULT);
  }
  ws_attr = *termios_p;
  return 0;
}

int WS_SYM(tcdrain)(int fd) {
  WS_PROLOGUE(tcdrain);
  return ws_tty(fd) ? 0 : -1;
}

int WS_SYM(tcflush)(int fd, int queue_selector) {
  WS_PROLOGUE(tcflush);
  if (!ws_tty(fd))
    return -1;
  if (queue_selector != TCIFLUSH && queue_selector != TCOFLUSH &&
      queue_selector != TCIOFLUSH) {
    return ws_fail(EINVAL);
  }
  return 0;
}

int WS_SYM(tcflow)(int fd, int action) {
  WS_PROLOGUE(tcflow);
  if (!ws_tty(fd))
    return -1;
  if (action != TCOOFF && action != TCOON && action != TCIOFF &&
      action != TCION) {
    return ws_fail(EINVAL);
  }
  return 0;
}

int WS_SYM(tcsendbreak)(int fd, int duration) {
  WS_PROLOGUE(tcsendbreak);
  (void)duration;
  return ws_tty(fd) ? 0 : -1;
}

pid_t WS_SYM(tcgetpgrp)(int fd) {
  WS_PROLOGUE(tcgetpgrp);
  if (!ws_tty(fd))
    return -1;
  return ws_self_pid();
}

int WS_SYM(tcsetpgrp)(int fd, pid_t pgrp) {
  WS_PROLOGUE(tcsetpgrp);
  if (!ws_tty(fd))
    return -1;
  if (pgrp < 0) {
    return ws_fail(EINVAL);
  }
  if (pgrp != ws_self_pid()) {
    return ws_fail(EPERM);
  }
  return 0;
}

/* ---------------------------------------------------------------- speeds and raw mode */

static int ws_valid_speed(speed_t speed) {
  return (speed & ~(speed_t)CBAUD) == 0 &&
         (speed <= B38400 || (speed >= B57600 && speed <= B4000000));
}

speed_t WS_SYM(cfgetispeed)(const struct termios *termios_p) {
  WS_PROLOGUE(cfgetispeed);
  return termios_p->__c_ispeed ? termios_p->__c_ispeed
                               : termios_p->c_cflag & CBAUD;
}

speed_t WS_SYM(cfgetospeed)(const struct termios *termios_p) {
  WS_PROLOGUE(cfgetospeed);
  return termios_p->c_cflag & CBAUD;
}

int WS_SYM(cfsetispeed)(struct termios *termios_p, speed_t speed) {
  WS_PROLOGUE(cfsetispeed);
  if (!ws_valid_speed(speed)) {
    return ws_fail(EINVAL);
  }
  /* 0 means "the output speed", as on Linux */
  termios_p->__c_ispeed = speed;
  return 0;
}

int WS_SYM(cfsetospeed)(struct termios *termios_p, speed_t speed) {
  WS_PROLOGUE(cfsetospeed);
  if (!ws_valid_speed(speed)) {
    return ws_fail(EINVAL);
  }
  termios_p->c_cflag = (termios_p->c_cflag & ~(tcflag_t)CBAUD) | speed;
  termios_p->__c_ospeed = speed;
  return 0;
}

void WS_SYM(cfmakeraw)(struct termios *t) {
  WS_PROLOGUE(cfmakeraw);
  t->c_iflag &= ~(tcflag_t)(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR |
                            ICRNL | IXON);
  t->c_oflag &= ~(tcflag_t)OPOST;
  t->c_lflag &= ~(tcflag_t)(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
  t->c_cflag &= ~(tcflag_t)(CSIZE | PARENB);
  t->c_cflag |= CS8;
  t->c_cc[VMIN] = 1;
  t->c_cc[VTIME] = 0;
}

/* ---------------------------------------------------------------- pseudo-terminals: never */

int WS_SYM(openpty)(int *amaster, int *aslave, char *name,
                    const struct termios *termp, const struct winsize *winp) {
  WS_PROLOGUE(openpty);
  (void)amaster, (void)aslave, (void)name, (void)termp, (void)winp;
  return ws_fail(ENOSYS);
}

pid_t WS_SYM(forkpty)(int *amaster, char *name, const struct termios *termp,
                      const struct winsize *winp) {
  WS_PROLOGUE(forkpty);
  (void)amaster, (void)name, (void)termp, (void)winp;
  return ws_fail(ENOSYS);
}

int WS_SYM(login_tty)(int fd) {
  WS_PROLOGUE(login_tty);
  (void)fd;
  return ws_fail(ENOSYS);
}

/* ---------------------------------------------------------------- window size */

int __real_ioctl(int fd, int request, ...);

static struct winsize ws_winsize = {.ws_row = WS_SETTING_TERMINAL_ROWS,
                                    .ws_col = WS_SETTING_TERMINAL_COLUMNS};

/* FIONREAD where the base has none (upstream wasi-libc's wasm32-wasip2: ENOTSUP): for a regular file, the
 * bytes from the offset to the end, as Linux answers; anything else keeps the base's answer. */
static int ws_fionread(int fd, int *pending) {
  if (__real_ioctl(fd, FIONREAD, pending) == 0)
    return 0;
  if (errno != ENOTSUP || !pending)
    return -1;
  struct stat st;
  if (fstat(fd, &st) != 0) /* EBADF for a descriptor that is not open */
    return -1;
  if (!S_ISREG(st.st_mode))
    return ws_fail(ENOTSUP);
  off_t at = lseek(fd, 0, SEEK_CUR);
  if (at < 0)
    return -1;
  *pending = st.st_size > at ? (int)(st.st_size - at) : 0;
  return 0;
}

int WS_SYM(ioctl)(int fd, int request, ...) {
  WS_PROLOGUE(ioctl);
  va_list ap;
  va_start(ap, request);
  void *arg = va_arg(
      ap, void *); /* every request wasi-libc or we answer takes one pointer */
  va_end(ap);
  if (request == FIONREAD)
    return ws_fionread(fd, arg);
  if (request != TIOCGWINSZ && request != TIOCSWINSZ)
    return __real_ioctl(fd, request, arg);
  if (!ws_tty(fd))
    return -1;
  if (!arg)
    return ws_fail(EFAULT);
  if (request == TIOCGWINSZ)
    *(struct winsize *)arg = ws_winsize;
  else
    ws_winsize = *(const struct winsize *)arg;
  return 0;
}
