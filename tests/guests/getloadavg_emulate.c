// policy: default
// stdout: ok

/* getloadavg reports an idle machine: up to three 0.0 loads, returning how many it filled; a
 * negative count is -1. */
#include <stdio.h>
#include <stdlib.h>

#include "guest.h"

int main(void) {
  double load[5] = {9, 9, 9, 9, 9};
  CHECK_INT(getloadavg(load, 5), 3);
  CHECK(load[0] == 0.0 && load[1] == 0.0 && load[2] == 0.0);
  CHECK(load[3] == 9.0);
  load[0] = 9;
  CHECK_INT(getloadavg(load, 1), 1);
  CHECK(load[0] == 0.0 && load[1] == 0.0);
  CHECK_INT(getloadavg(load, 0), 0);
  CHECK_INT(getloadavg(load, -1), -1);
  puts("ok");
  return 0;
}
