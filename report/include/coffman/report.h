/* coffman's one report layer.
 *
 * Both halves (coffman-check and libcoffman.so) describe what they found as a
 * coffman_finding and hand it here, so a deadlock reads the same whichever
 * half found it.  Analysis code never formats text itself.
 *
 * Every pointer in these structs is borrowed: the report layer copies nothing
 * and frees nothing, so the shim can build a finding on its stack without
 * allocating and the checker can point into its own std::string storage.
 * Formatting functions append to a coffman_buf; the caller decides where the
 * bytes go (write(2) in the shim, a FILE or -o file in the checker).
 */
#ifndef COFFMAN_REPORT_H
#define COFFMAN_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The shared vocabulary: one name per kind, used by every output format. */
typedef enum coffman_kind {
    COFFMAN_LOCK_ORDER_INVERSION,
    COFFMAN_DEADLOCK,
    COFFMAN_SELF_DEADLOCK,
    COFFMAN_NEVER_SIGNALED_WAIT,
    COFFMAN_UNGUARDED_WAIT,
    COFFMAN_BLOCKING_WHILE_LOCKED,
    COFFMAN_LOCK_LEAK,
    COFFMAN_THREAD_LEAK,
    COFFMAN_NO_TERMINATION,
    COFFMAN_HANG,
    COFFMAN_KIND_COUNT
} coffman_kind;

/* "lock-order-inversion", ... ; NULL for an out-of-range value. */
const char *coffman_kind_name(coffman_kind kind);
/* Accepts the name with or without the "coffman-" prefix. */
bool coffman_kind_parse(const char *name, coffman_kind *out);
/* One-line human summary used in headlines, e.g. "potential deadlock". */
const char *coffman_kind_summary(coffman_kind kind);

typedef enum coffman_severity {
    COFFMAN_SEVERITY_NOTE,
    COFFMAN_SEVERITY_WARNING,
    COFFMAN_SEVERITY_ERROR
} coffman_severity;

/* A source location or a stack frame.  Any field may be 0/NULL when unknown:
 * the checker fills file/line/column, the shim fills pc and, once
 * symbolized, function/file/line and module. */
typedef struct coffman_frame {
    uintptr_t pc;
    const char *function;
    const char *file;
    unsigned line;
    unsigned column;
    const char *module;
} coffman_frame;

/* Evidence for a finding: "holding a.mu (acquired at ...) while ..." */
typedef struct coffman_note {
    const char *message;
    coffman_frame loc;            /* where the note points (may be empty) */
    const coffman_frame *stack;   /* runtime evidence; NULL for static notes */
    size_t stack_len;
} coffman_note;

/* The four Coffman conditions, each explained for this finding.  NULL
 * fields are omitted; kinds that are not deadlocks leave all four NULL. */
typedef struct coffman_conditions {
    const char *mutual_exclusion;
    const char *hold_and_wait;
    const char *no_preemption;
    const char *circular_wait;
} coffman_conditions;

typedef struct coffman_finding {
    coffman_kind kind;
    coffman_severity severity;
    const char *message;          /* one line, no trailing period */
    coffman_frame loc;            /* primary location */
    const coffman_frame *stack;   /* runtime: stack of the primary event */
    size_t stack_len;
    const coffman_note *notes;
    size_t note_count;
    coffman_conditions conditions;
    const char *fix;              /* one-line hint: what to do next */
} coffman_finding;

/* A growable byte buffer.  On allocation failure it stops growing and sets
 * `failed`; formatting never aborts the host program. */
typedef struct coffman_buf {
    char *data;
    size_t len;
    size_t cap;
    bool failed;
} coffman_buf;

void coffman_buf_init(coffman_buf *b);
void coffman_buf_free(coffman_buf *b);
void coffman_buf_append(coffman_buf *b, const char *s, size_t n);
void coffman_buf_puts(coffman_buf *b, const char *s);
void coffman_buf_printf(coffman_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* A growable list of notes, for callers that gather evidence before they
 * know how much there is.  On allocation failure a note is dropped, never
 * the report. */
typedef struct coffman_note_list {
    coffman_note *notes;
    size_t count;
    size_t cap;
} coffman_note_list;

void coffman_note_list_add(coffman_note_list *l, const char *message,
                           const coffman_frame *stack, size_t stack_len);
void coffman_note_list_free(coffman_note_list *l);

/* Compiler style (coffman-check):
 *   file:line:col: warning: message [coffman-kind]
 *   file:line:col: note: evidence
 *   file:line:col: note: mutual exclusion: ...      (one per condition)
 *   file:line:col: note: fix: ...                                        */
void coffman_format_compiler(coffman_buf *out, const coffman_finding *f,
                             bool color);

/* Sanitizer style (libcoffman.so):
 *   ==PID==WARNING: coffman: lock-order-inversion (potential deadlock)
 *   message, stacks "#0 0x... in fn file:line", notes with their stacks,
 *   the Coffman conditions, the fix, and
 *   SUMMARY: coffman: kind file:line in fn                               */
void coffman_format_sanitizer(coffman_buf *out, const coffman_finding *f,
                              int pid, bool color);

/* One JSON object on one line (JSON Lines), schema in docs/reports.md.
 * `tool` is "coffman-check" or "libcoffman". */
void coffman_format_json(coffman_buf *out, const coffman_finding *f,
                         const char *tool);

/* SARIF 2.1.0: collect findings, then write one log document. */
typedef struct coffman_sarif coffman_sarif;
coffman_sarif *coffman_sarif_new(const char *tool, const char *version);
void coffman_sarif_add(coffman_sarif *s, const coffman_finding *f);
void coffman_sarif_finish(coffman_sarif *s, coffman_buf *out);
void coffman_sarif_free(coffman_sarif *s);

#ifdef __cplusplus
}
#endif
#endif
