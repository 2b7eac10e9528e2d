/* The program: prints the library's answers and fails unless the user is argv[1], the handler ran and the
 * open-files limit is positive. */
#include <stdio.h>
#include <string.h>

const char *user_name(void);
int handler_runs(void);
long open_files_limit(void);

int main(int argc, char **argv) {
  const char *user = user_name();
  int handled = handler_runs();
  long files = open_files_limit();
  printf("user %s, handler %s, RLIMIT_NOFILE %ld\n", user,
         handled ? "ran" : "did not run", files);
  return argc > 1 && strcmp(user, argv[1]) == 0 && handled && files > 0 ? 0 : 1;
}
