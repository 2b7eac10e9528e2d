/* Assertions shared by the guest programs: on failure each prints file:line, what failed and errno,
 * then exits with status 1 (the host test then shows the guest's stderr). */
#ifndef WASI_SHIM_GUEST_H
#define WASI_SHIM_GUEST_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GUEST_FAIL(...)                                                        \
  do {                                                                         \
    int guest_errno_ = errno;                                                  \
    fflush(stdout);                                                            \
    fprintf(stderr, "%s:%d: ", __FILE__, __LINE__);                            \
    fprintf(stderr, __VA_ARGS__);                                              \
    fprintf(stderr, " (errno %d: %s)\n", guest_errno_,                         \
            strerror(guest_errno_));                                           \
    exit(1);                                                                   \
  } while (0)

/* CHECK(cond): cond must hold. */
#define CHECK(cond)                                                            \
  do {                                                                         \
    if (!(cond))                                                               \
      GUEST_FAIL("check failed: %s", #cond);                                   \
  } while (0)

/* CHECK_INT(actual, expected): equal as integers (compare ids with (uid_t)-1, not -1). */
#define CHECK_INT(actual, expected)                                            \
  do {                                                                         \
    long long guest_a_ = (long long)(actual),                                  \
              guest_x_ = (long long)(expected);                                \
    if (guest_a_ != guest_x_)                                                  \
      GUEST_FAIL("%s is %lld, expected %s = %lld", #actual, guest_a_,          \
                 #expected, guest_x_);                                         \
  } while (0)

/* CHECK_STR(actual, expected): equal strings; NULL on either side fails (unless both are NULL). */
#define CHECK_STR(actual, expected)                                            \
  do {                                                                         \
    const char *guest_a_ = (actual), *guest_x_ = (expected);                   \
    if (guest_a_ != guest_x_ &&                                                \
        (!guest_a_ || !guest_x_ || strcmp(guest_a_, guest_x_) != 0))           \
      GUEST_FAIL("%s is \"%s\", expected \"%s\"", #actual,                     \
                 guest_a_ ? guest_a_ : "(null)",                               \
                 guest_x_ ? guest_x_ : "(null)");                              \
  } while (0)

#endif
