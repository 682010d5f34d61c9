/* Building and writing the shim's findings.  Analysis code decides *that*
 * something is wrong; the functions here turn it into a coffman_finding,
 * symbolize, apply suppressions and hand it to the shared report layer
 * (coffman_format_sanitizer / coffman_format_json), then write(2) it to
 * stderr or log_path.
 *
 * For other findings (issue 4: thread-leak, hang, dumps):
 *     coffman_report *r = coffman_report_begin();
 *     coffman_report_thread_notes(r, t);          // state, locks, stacks
 *     coffman_finding f = {.kind = COFFMAN_THREAD_LEAK, ...};
 *     f.stack = coffman_report_stack(r, t->create_stack, &f.stack_len);
 *     coffman_report_finish(r, &f);               // emits and frees
 * Everything allocated through r lives until coffman_report_finish. */
#ifndef COFFMAN_REPORT_EMIT_H
#define COFFMAN_REPORT_EMIT_H

#include "coffman/report.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct coffman_edge;
struct coffman_thread;

typedef struct coffman_report coffman_report;

coffman_report *coffman_report_begin(void);
/* printf into memory owned by the report. */
const char *coffman_report_strf(coffman_report *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Symbolized frames of a depot stack (NULL, 0 when unknown). */
const coffman_frame *coffman_report_stack(coffman_report *r, uint32_t stack_id, size_t *n);
const coffman_frame *coffman_report_pcs(coffman_report *r, const uintptr_t *pcs, size_t n);
coffman_frame coffman_report_frame(coffman_report *r, uintptr_t pc);
/* "mutex 'a' (0x...)" or "mutex 0x..." */
const char *coffman_report_lock_name(coffman_report *r, uintptr_t addr, int obj_kind);
void coffman_report_note(coffman_report *r, const char *message, const coffman_frame *stack, size_t n);
/* Notes for one thread: what it is, where created, what it waits for,
 * which locks it holds (with where each was acquired). */
void coffman_report_thread_notes(coffman_report *r, struct coffman_thread *t);
/* One-line description of a thread's wait: "blocked in pthread_cond_wait
 * on condition variable 0x... (never signalled)".  NULL if not blocked. */
const char *coffman_report_wait_text(coffman_report *r, struct coffman_thread *t);
/* Attaches the notes, applies suppressions, emits; frees r.  Returns
 * true when the finding was written (not suppressed). */
bool coffman_report_finish(coffman_report *r, coffman_finding *f);

/* Writes an already-built finding (suppressions applied). */
bool coffman_emit(const coffman_finding *f);
/* A one-line notice on stderr, "==PID==coffman: note: ..." (not a finding). */
void coffman_notice(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Findings written so far (an exit status of 0 becomes exitcode). */
unsigned coffman_findings_written(void);
/* Ends the process now with the exitcode option, without running exit
 * handlers (other threads are stuck holding locks). */
_Noreturn void coffman_halt(void);
bool coffman_report_sink_open(char *err, size_t errlen);
void coffman_report_after_fork_child(void);

/* The specific findings of issue 3 (report_locks.c, report_deadlock.c). */
void coffman_report_lock_cycle(const struct coffman_edge *const *cycle, size_t n);
void coffman_report_self_deadlock(struct coffman_thread *t, uintptr_t addr, int obj_kind, uintptr_t pc,
                                  const char *how);
void coffman_report_lock_leak(struct coffman_thread *t);
void coffman_report_deadlock(struct coffman_thread *const *threads, size_t n, bool all_asleep);

#endif
