/* Shared by the modes guests: make a file and a symlink to it in the working directory. */
#ifndef MODES_FILES_H
#define MODES_FILES_H

#include <stdio.h>
#include <unistd.h>

#include "guest.h"

static inline void make_files(void) {
  FILE *f = fopen("file", "w");
  CHECK(f != NULL);
  fclose(f);
  unlink("link");
  CHECK_INT(symlink("file", "link"), 0);
}

#endif
