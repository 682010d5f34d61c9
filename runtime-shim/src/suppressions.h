/* Suppression files, sanitizer style: one `kind:glob` per line, '#'
 * comments.  The glob is matched against every frame's function, file
 * (full path or base name) and module in the finding.  `thread` is an
 * alias of thread-leak (matched against the start routine's frames). */
#ifndef COFFMAN_SUPPRESSIONS_H
#define COFFMAN_SUPPRESSIONS_H

#include "coffman/report.h"

#include <stdbool.h>
#include <stddef.h>

bool coffman_suppressions_load(const char *path, char *err, size_t errlen);
/* Parses one line; false on a bad line (error written to err). */
bool coffman_suppressions_add_line(const char *line, char *err, size_t errlen);
bool coffman_suppressed(const coffman_finding *f);
void coffman_suppressions_clear(void);

#endif
