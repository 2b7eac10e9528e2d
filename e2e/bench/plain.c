/* The yardstick for a getter: a function in its own translation unit (so no inlining without LTO)
 * that returns a constant, as a stub whose behaviour is a fixed value should cost. */
int plain_call(void) { return 1000; }
