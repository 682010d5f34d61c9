/* COFFMAN_OPTIONS: a colon-separated key=value list, like TSAN_OPTIONS.
 *
 * To add an option: add a field to coffman_options, its default in
 * coffman_options_defaults(), and one row to the table in options.c.  The
 * parser, the error messages and `coffman --help` all read that table. */
#ifndef COFFMAN_OPTIONS_H
#define COFFMAN_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

enum { COFFMAN_PATH_MAX = 512 };

typedef enum { COFFMAN_FORMAT_TEXT, COFFMAN_FORMAT_JSON } coffman_format_kind;
typedef enum { COFFMAN_IDENTITY_ADDRESS, COFFMAN_IDENTITY_CLASS } coffman_identity;

typedef struct coffman_options {
    /* reports */
    char log_path[COFFMAN_PATH_MAX];     /* "" = stderr */
    int format;                          /* coffman_format_kind */
    bool color;
    int stack_depth;
    char suppressions[COFFMAN_PATH_MAX];
    /* outcome */
    int exitcode;
    bool halt_on_error;
    bool halt_on_deadlock;
    /* lock-order graph */
    bool report_single_thread;
    int lock_identity;                   /* coffman_identity */
    long max_locks;
    char graph_path[COFFMAN_PATH_MAX];
    /* wait-for graph */
    int deadlock_timeout_ms;
    bool detect_deadlocks;
    /* issue 4: threads */
    int exit_grace_ms;
    bool report_thread_leaks;
    int hang_timeout_s;
    bool halt_on_hang;
    int dump_signal;                     /* 0 = off */
    bool verbose;
} coffman_options;

extern coffman_options coffman_opts;

void coffman_options_defaults(coffman_options *o);
/* Parses `text` over `o`.  On error returns false and writes one line
 * naming the bad key or value into err. */
bool coffman_options_parse(coffman_options *o, const char *text, char *err, size_t errlen);
/* One line per option ("  key=TYPE (default D): help\n") into buf. */
size_t coffman_options_help(char *buf, size_t len);

#endif
