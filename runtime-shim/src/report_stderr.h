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
#include <sys/types.h>

/* A descriptor the shim writes to, with the identity of its file: a
 * program may close any descriptor (closefrom() before exec, daemons) and
 * the number may then name one of its own files. */
typedef struct coffman_kept_fd {
    int fd;
    dev_t dev;
    ino_t ino;
} coffman_kept_fd;

/* Records fd and its file; false (k->fd = -1) when fd is not open. */
bool coffman_kept_fd_set(coffman_kept_fd *k, int fd);
/* k->fd if it still refers to the file it was kept for, else -1. */
int coffman_kept_fd_get(const coffman_kept_fd *k);

/* Duplicates fd 2 (once).  Call first at start-up. */
void coffman_stderr_save(void);
/* The saved stderr; if the program closed it, fd 2 when that is still the
 * same file; else -1 (reports are dropped rather than written into
 * whatever file now has the number). */
int coffman_stderr_fd(void);
/* Writes all of p to fd, retrying partial writes and EINTR.  False on a
 * failed or short write (errno says why). */
bool coffman_write_fully(int fd, const void *p, size_t n);
/* coffman_write_fully to the saved stderr (nothing when there is none). */
bool coffman_stderr_write(const void *p, size_t n);

#endif
