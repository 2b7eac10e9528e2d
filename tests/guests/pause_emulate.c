// policy: default
// exit: 134
// stderr-contains: wasi-shim: pause would wait forever: no signal can arrive in this sandbox

/* pause with no alarm armed (the default policy's alarm fails) would never return: it says so and aborts. */
#include <unistd.h>

int main(void) {
  pause();
  return 0;
}
