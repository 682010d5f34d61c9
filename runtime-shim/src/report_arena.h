/* Memory for one report: everything a report points at (strings, frames)
 * is allocated here and freed at once when the report is written, so a
 * coffman_finding can borrow pointers without owning them. */
#ifndef COFFMAN_REPORT_ARENA_H
#define COFFMAN_REPORT_ARENA_H

#include <stdarg.h>
#include <stddef.h>

typedef struct coffman_arena_block coffman_arena_block;

typedef struct coffman_arena {
    coffman_arena_block *blocks;
} coffman_arena;

/* NULL when memory runs out: the report loses a detail, not the program. */
void *coffman_arena_alloc(coffman_arena *a, size_t n);
/* A formatted string in the arena; "" when memory runs out. */
const char *coffman_arena_vstrf(coffman_arena *a, const char *fmt, va_list ap);
void coffman_arena_free(coffman_arena *a);

#endif
