/* Describes threads of the registry for issue 4's reports (thread-leak,
 * hang, the dump on a signal and leaktest): what a thread is, what it is
 * doing or waiting for, which locks it holds, where it was created.
 *
 * A description context owns a symbolizer and the memory of everything it
 * returns, until coffman_tdesc_end.  Unlike report_emit's context it can
 * be formatted into a buffer instead of emitted (leaktest needs that). */
#ifndef COFFMAN_THREAD_DESCRIBE_H
#define COFFMAN_THREAD_DESCRIBE_H

#include "coffman/report.h"
#include "thread_registry.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct coffman_tdesc coffman_tdesc;

/* NULL when out of memory.  Marks the calling thread busy until end, so
 * that the symbolizer's own locks are not tracked. */
coffman_tdesc *coffman_tdesc_begin(void);
void coffman_tdesc_end(coffman_tdesc *d);
/* Starts the next finding: drops the notes gathered so far, keeps the
 * symbolizer (opening one costs tens of ms) and the memory of strings. */
void coffman_tdesc_next(coffman_tdesc *d);

/* Zeroed memory owned by d (NULL when out of memory). */
void *coffman_tdesc_alloc(coffman_tdesc *d, size_t n);
const char *coffman_tdesc_strf(coffman_tdesc *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Name of a function given its start address ("worker"), or NULL. */
const char *coffman_tdesc_function(coffman_tdesc *d, uintptr_t addr);
/* The frame of a function's first instruction (function, file, line). */
bool coffman_tdesc_code_frame(coffman_tdesc *d, uintptr_t addr, coffman_frame *out);
/* "T3 (worker)", "T0 (main thread)" */
const char *coffman_tdesc_name(coffman_tdesc *d, coffman_thread *t);
/* What the thread does now, as the end of a sentence:
 * "is blocked in pthread_cond_wait on condition variable 'ready'
 *  (0x...) for 2.1 s at worker.c:41; this condition variable was never
 *  signalled", "is running", "finished but was never joined nor detached". */
const char *coffman_tdesc_state(coffman_tdesc *d, coffman_thread *t);
/* Symbolized depot stack (NULL, 0 when unknown). */
const coffman_frame *coffman_tdesc_stack(coffman_tdesc *d, uint32_t id, size_t *n);
/* Where t blocked (a stack, or just the caller's frame), NULL, 0 when
 * unknown or not blocked. */
const coffman_frame *coffman_tdesc_wait_stack(coffman_tdesc *d, coffman_thread *t, size_t *n);
/* Where t was created (its creation stack), NULL, 0 when unknown. */
const coffman_frame *coffman_tdesc_create_stack(coffman_tdesc *d, coffman_thread *t, size_t *n);

void coffman_tdesc_note(coffman_tdesc *d, const char *message, const coffman_frame *stack, size_t n);
enum {
    COFFMAN_TDESC_CREATION = 1,   /* add where the thread was created */
    COFFMAN_TDESC_SHORT = 2,      /* the wait is in the message already */
    COFFMAN_TDESC_NO_WAIT = 4,    /* the wait's stack is the primary one */
};
/* Notes for t: where it blocks (with the stack), each lock it holds with
 * where it was taken, and (flags) where it was created. */
void coffman_tdesc_thread_notes(coffman_tdesc *d, coffman_thread *t, unsigned flags);
/* Points f->notes at the notes gathered so far (owned by d). */
void coffman_tdesc_attach(coffman_tdesc *d, coffman_finding *f);

#endif
