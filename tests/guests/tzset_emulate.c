// policy: default
// env: TZ=EST5EDT
// stdout: ok

/* tzset links and does nothing: wasi-libc has no timezone database, so local time stays UTC even
 * with TZ naming another zone. */
#include <stdio.h>
#include <time.h>

#include "guest.h"

int main(void) {
  tzset();
  time_t noon = 12 * 3600;
  struct tm local, utc;
  CHECK(localtime_r(&noon, &local) != NULL);
  CHECK(gmtime_r(&noon, &utc) != NULL);
  CHECK_INT(local.tm_hour, 12);
  CHECK_INT(local.tm_hour, utc.tm_hour);
  puts("ok");
  return 0;
}
