/* Runs coffman-check on one unsaved buffer: a temp copy of the text,
 * analysed with the file's flags from compile_commands.json, cancellable
 * while it runs. */
#ifndef COFFMAN_LSP_CHECKER_H
#define COFFMAN_LSP_CHECKER_H

#include <jansson.h>
#include <stdbool.h>

#include "text.h"

typedef struct checker_config {
    const char *checker;     /* coffman-check to run */
    const char *facts_dir;   /* may be NULL */
    const char *compdb_dir;  /* may be NULL: search upwards */
    const char *temp_root;   /* private directory for buffer copies */
    int timeout_s;
} checker_config;

/* Polled while the checker runs; false cancels the run. */
typedef bool (*checker_wanted)(void *ctx);

/* LSP diagnostics for `path` (its findings, or one diagnostic saying why
 * there are none), or NULL if cancelled. */
json_t *checker_run(const checker_config *c, const char *path,
                    const text_buf *text, bool utf16,
                    checker_wanted wanted, void *ctx);

/* Kills a run in progress (the proxy is exiting). */
void checker_kill_running(void);

#endif
