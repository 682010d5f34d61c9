/* Report files (log_path, graph_path) created so that they cannot be
 * turned against the user who runs the program (docs/runtime.md, "How
 * report files are created"):
 *   - a symbolic link at the name is never followed (O_NOFOLLOW);
 *   - only regular files are written: a FIFO, device or directory at the
 *     name is refused, and is never opened in a way that could block;
 *   - a file the run did not create is never truncated: a new file is
 *     created with O_EXCL; an existing log is appended to only when it is a
 *     regular file owned by the effective user with one link; an existing
 *     graph file is replaced by renaming a new file over its name;
 *   - every fd is close-on-exec, so the program's children never get it. */
#ifndef COFFMAN_REPORT_FILE_H
#define COFFMAN_REPORT_FILE_H

#include <stdbool.h>
#include <stddef.h>

/* Start-up check: path's directory is writable and path is free or names a
 * file coffman may use.  On error writes one line naming `option`. */
bool coffman_report_file_check(const char *option, const char *path, char *err, size_t errlen);
/* Opens path to append reports (blocking writes, O_APPEND|O_CLOEXEC).  -1
 * with err set when path cannot be used safely. */
int coffman_report_file_append(const char *option, const char *path, char *err, size_t errlen);
/* Writes data as the whole content of path: into a new file beside it,
 * then renamed over path.  False with err set on any failure (the old file
 * is left as it was). */
bool coffman_report_file_replace(const char *option, const char *path, const void *data, size_t n, char *err,
                                 size_t errlen);

#endif
