/* Cycle search in the lock-order graph, and the rules that keep a cycle
 * that cannot deadlock out of the reports. */
#ifndef COFFMAN_CYCLE_CHECK_H
#define COFFMAN_CYCLE_CHECK_H

#include "lock_graph.h"

typedef enum coffman_cycle_verdict {
    COFFMAN_CYCLE_REPORT,
    COFFMAN_CYCLE_SINGLE_THREAD,   /* every edge made by one thread */
    COFFMAN_CYCLE_GATED,           /* one lock held at every edge */
    COFFMAN_CYCLE_READ_ONLY,       /* rwlocks never write-locked */
    COFFMAN_CYCLE_NEVER_CONCURRENT,/* its edges' threads never ran together */
    COFFMAN_CYCLE_ALREADY_REPORTED,
} coffman_cycle_verdict;

enum { COFFMAN_CYCLE_MAX = 64 };

coffman_cycle_verdict coffman_cycle_judge(const coffman_edge *const *cycle, size_t n);
/* Searches cycles through edge e (to -> ... -> from, plus e).  For the
 * first one judged REPORT, copies its edges into out (e last) and returns
 * its length; 0 when there is none.  Caller holds the table lock. */
size_t coffman_cycle_find(const coffman_edge *e, coffman_edge *out, size_t max, bool is_new);
/* Did the last search find any path back (reported or not)? */
bool coffman_cycle_reached(void);
/* False while no search ever met a cycle: the graph is a DAG. */
bool coffman_cycle_possible(void);
void coffman_cycle_after_fork_child(void);

#endif
