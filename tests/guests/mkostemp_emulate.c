// policy: default
// stdout: ok

/* mkostemp adds the given flags: with O_APPEND every write goes to the end. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "guest.h"

int main(void) {
  char t[] = "./appendXXXXXX";
  int fd = mkostemp(t, O_APPEND);
  CHECK(fd >= 0);
  CHECK(strcmp(t, "./appendXXXXXX") != 0);
  CHECK(fcntl(fd, F_GETFL) & O_APPEND);
  CHECK_INT(write(fd, "ab", 2), 2);
  CHECK_INT(lseek(fd, 0, SEEK_SET), 0);
  CHECK_INT(write(fd, "cd", 2), 2);
  CHECK_INT(lseek(fd, 0, SEEK_END), 4);
  puts("ok");
  return 0;
}
