/* coffman-check's JSON report -> LSP Diagnostic objects, and the merge of
 * those with clangd's own diagnostics for one document. */
#ifndef COFFMAN_LSP_DIAGNOSTICS_H
#define COFFMAN_LSP_DIAGNOSTICS_H

#include <jansson.h>
#include <stdbool.h>

#include "text.h"

/* What the findings were computed on: the document's real path and the
 * temp copy of its unsaved buffer that the checker actually read. */
typedef struct diag_target {
    const char *path;
    const char *temp_path;   /* may be NULL */
    const text_buf *text;    /* the buffer analysed, for positions */
    bool utf16;
} diag_target;

/* Diagnostics for the findings whose primary location is in the target.
 * Accepts one JSON document {"findings":[...]} or JSON Lines of findings.
 * Returns NULL and sets *why if the output is not a coffman report. */
json_t *diag_from_report(const char *report, const diag_target *target,
                         const char **why);

/* `s` with the temp copy's path replaced by the real one: the checker saw
 * the copy, users must read their own file's name.  Caller frees. */
char *diag_untemp(const char *s, const diag_target *t);

/* One coffman diagnostic at the top of the file saying why the analysis
 * did not run; `severity` is an LSP DiagnosticSeverity. */
json_t *diag_failure(const char *why, int severity);

/* A new array: clangd's diagnostics followed by coffman's. */
json_t *diag_merge(const json_t *clangd, const json_t *coffman);

#endif
