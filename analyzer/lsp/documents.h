/* The documents the editor has open, with what the proxy knows of each:
 * the unsaved text, clangd's latest diagnostics, coffman's latest
 * findings, and whether an analysis is due.  One lock guards the table;
 * publishing happens under it so clangd's and coffman's updates of one
 * document reach the editor in the order they were merged. */
#ifndef COFFMAN_LSP_DOCUMENTS_H
#define COFFMAN_LSP_DOCUMENTS_H

#include <jansson.h>
#include <stdbool.h>
#include <time.h>

#include "framing.h"
#include "text.h"

typedef struct document {
    char *uri;
    char *path;              /* NULL: not a file we can analyse */
    text_buf text;
    json_int_t version;
    bool text_known;         /* false after an edit we could not apply */
    unsigned gen;            /* bumped by every edit: stale analyses stop */
    bool due;                /* an analysis is wanted at `due_at` */
    struct timespec due_at;
    json_t *clangd_diags;    /* array, never NULL */
    json_t *clangd_version;  /* clangd's "version" field, or NULL */
    json_t *coffman_diags;   /* array, never NULL */
    struct document *next;
} document;

void docs_lock(void);
void docs_unlock(void);
/* The rest require the lock. */
document *docs_find(const char *uri);
document *docs_open(const char *uri, const char *language, const char *text,
                    size_t len, json_int_t version);
void docs_close(const char *uri);
/* Wants an analysis after delay_ms; cancels one running on older text. */
void docs_schedule(document *d, int delay_ms);
/* Sends clangd's + coffman's diagnostics of d to the client. */
void docs_publish(document *d, lsp_writer *client);

/* For the analysis worker: waits (lock held) until a document is due or
 * `stop` is set; returns it, or NULL when stopping. */
document *docs_wait_due(volatile int *stop);
/* Wakes docs_wait_due, e.g. to stop. */
void docs_wake(void);

#endif
