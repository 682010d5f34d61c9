/* The standard error the process had when the shim started.
 *
 * Reports never go to "whatever fd 2 is now": a program may close fd 2
 * and open a data file that then gets fd 2 (reports would corrupt it), or
 * close stderr before it exits (Debian's `xz -T4`: its reports would be
 * lost).  At start-up the shim keeps its own duplicate of fd 2, close-on-exec
 * and at a high number, and writes reports, notes and dumps there. */
#ifndef COFFMAN_REPORT_STDERR_H
#define COFFMAN_REPORT_STDERR_H

#include <stdbool.h>
#include <stddef.h>

/* Duplicates fd 2 (once; again after nothing).  Call first at start-up. */
void coffman_stderr_save(void);
/* The saved stderr, or -1 when the process started without one. */
int coffman_stderr_fd(void);
/* Writes all of p to fd, retrying partial writes and EINTR.  False on a
 * failed or short write (errno says why). */
bool coffman_write_fully(int fd, const void *p, size_t n);
/* coffman_write_fully to the saved stderr (nothing when there is none). */
bool coffman_stderr_write(const void *p, size_t n);

#endif
