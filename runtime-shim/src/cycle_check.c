/* Depth-first search for cycles through a new (or newly strengthened)
 * edge, and the false-positive rules.  Runs under the table lock. */
#define _GNU_SOURCE
#include "cycle_check.h"

#include "lock_table.h"
#include "options.h"
#include "report_emit.h"
#include "u64map.h"


static uint32_t epoch;
/* Set once any search met a cycle (reported or not).  Until then the graph
 * is a DAG, and an edge that only changed its properties (a new thread, fewer
 * gates, a later epoch) cannot be on a cycle: no search needed. */
static bool cycles_exist;
/* Edges examined per search: a new edge may look far, a recheck of a
 * known edge (which happens once per edge and thread epoch) less. */
enum { NEW_EDGE_BUDGET = 100000, RECHECK_BUDGET = 2000 };
static bool budget_said, reached;

bool coffman_cycle_possible(void) { return cycles_exist; }
bool coffman_cycle_reached(void) { return reached; }
static u64map reported = {.initial = 256};   /* cycle signature -> 1 */

/* Order-independent: the same cycle found from any edge has one key. */
static uint64_t signature(const coffman_edge *const *c, size_t n)
{
    uint64_t s = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t k = ((uint64_t)c[i]->from << 32 | c[i]->to) * 0x9E3779B97F4A7C15ull;
        s += k ^ (k >> 31);
    }
    return s < 2 ? s + 2 : (s == UINT64_MAX ? s - 1 : s);
}

static bool single_thread(const coffman_edge *const *c, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (c[i]->multi_thread || c[i]->thread_serial != c[0]->thread_serial)
            return false;
    return true;
}

/* A lock held at every edge serialises the threads: none can hold one
 * edge's `from` while another holds the next's. */
static bool gated(const coffman_edge *const *c, size_t n)
{
    uint8_t g0 = atomic_load_explicit(&((coffman_edge *)c[0])->ngates, memory_order_relaxed);
    for (uint8_t k = 0; k < g0; k++) {
        uint32_t gate = c[0]->gates[k];
        size_t i = 1;
        for (; i < n; i++) {
            uint8_t gi = atomic_load_explicit(&((coffman_edge *)c[i])->ngates, memory_order_relaxed);
            uint8_t j = 0;
            while (j < gi && c[i]->gates[j] != gate)
                j++;
            if (j == gi)
                break;
        }
        if (i == n)
            return true;
    }
    return false;
}

/* Readers never block readers: a cycle of rwlocks that nobody ever
 * write-locked cannot close. */
static bool read_only(const coffman_edge *const *c, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        coffman_lock_info *info = coffman_lock_info_of(c[i]->to);
        if (!info || info->kind == COFFMAN_OBJ_MUTEX || info->kind == COFFMAN_OBJ_SPIN ||
            info->kind == COFFMAN_OBJ_C11_MUTEX || c[i]->to_write ||
            atomic_load_explicit(&info->ever_written, memory_order_relaxed))
            return false;
    }
    return true;
}

/* Is an occurrence at epoch tau by thread a ordered (happens-before,
 * through create and join) with the whole life of thread b? */
static bool ordered(uint32_t tau, uint32_t a, uint32_t b)
{
    coffman_lifetime la, lb;
    if (!coffman_thread_lifetime(a, &la) || !coffman_thread_lifetime(b, &lb))
        return false;
    if (lb.creator == a && tau < lb.start)
        return true;   /* a did it before it created b */
    if (lb.joined == COFFMAN_EPOCH_ALIVE)
        return false;
    return (lb.joiner == a && lb.joined < tau) ||                    /* a joined b first */
           (lb.joiner == la.creator && lb.joined < la.start);   /* b joined, then a created */
}

/* Could edge e (of one thread) have been made while thread b ran? */
static bool may_meet(const coffman_edge *e, uint32_t b)
{
    uint32_t first = atomic_load(&((coffman_edge *)e)->conc_first);
    uint32_t last = atomic_load(&((coffman_edge *)e)->conc_last);
    return !ordered(first, e->thread_serial, b) || !ordered(last, e->thread_serial, b);
}

/* A deadlock needs every thread of the cycle in its edge at once: an order
 * used only before a thread was created, or after it was joined (main
 * building its tables before starting workers; a thread joined before the
 * next is created), cannot meet that thread's order. */
static bool never_concurrent(const coffman_edge *const *c, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (c[i]->multi_thread)
            continue;
        /* Made only while its thread was the only unjoined one: every
         * other thread was created after it or joined before it. */
        if (!atomic_load(&((coffman_edge *)c[i])->shared))
            return true;
        for (size_t j = 0; j < n; j++)
            if (!c[j]->multi_thread && c[j]->thread_serial != c[i]->thread_serial &&
                !may_meet(c[i], c[j]->thread_serial))
                return true;
    }
    return false;
}

coffman_cycle_verdict coffman_cycle_judge(const coffman_edge *const *c, size_t n)
{
    if (!coffman_opts.report_single_thread && single_thread(c, n))
        return COFFMAN_CYCLE_SINGLE_THREAD;
    if (!coffman_opts.report_single_thread && never_concurrent(c, n))
        return COFFMAN_CYCLE_NEVER_CONCURRENT;
    if (gated(c, n))
        return COFFMAN_CYCLE_GATED;
    if (read_only(c, n))
        return COFFMAN_CYCLE_READ_ONLY;
    uint32_t dummy;
    if (u64map_get(&reported, signature(c, n), &dummy))
        return COFFMAN_CYCLE_ALREADY_REPORTED;
    /* One inverted pair closes a cycle through every path between its
     * locks: once a cycle is reported, others sharing one of its edges are
     * the same inversion, not a report each. */
    for (size_t i = 0; i < n; i++)
        if (c[i]->reported)
            return COFFMAN_CYCLE_ALREADY_REPORTED;
    return COFFMAN_CYCLE_REPORT;
}

typedef struct { uint32_t node, iter, via; } frame;

static bool visited(uint32_t node)
{
    coffman_lock_info *i = coffman_lock_info_of(node);
    if (!i || i->visit_epoch == epoch)
        return true;
    i->visit_epoch = epoch;
    return false;
}

/* Judges the path stack[0..depth) + e; copies it out if reportable. */
static size_t try_cycle(const frame *stack, size_t depth, const coffman_edge *e, coffman_edge *out,
                        size_t max)
{
    if (depth + 1 > max)
        return 0;
    const coffman_edge *c[COFFMAN_CYCLE_MAX];
    for (size_t i = 0; i < depth; i++)
        c[i] = coffman_graph_edge(stack[i].via);
    c[depth] = e;
    if (coffman_cycle_judge(c, depth + 1) != COFFMAN_CYCLE_REPORT)
        return 0;
    u64map_put(&reported, signature(c, depth + 1), 1);
    for (size_t i = 0; i <= depth; i++) {
        ((coffman_edge *)c[i])->reported = true;
        out[i] = *c[i];
    }
    return depth + 1;
}

size_t coffman_cycle_find(const coffman_edge *e, coffman_edge *out, size_t max, bool is_new)
{
    reached = false;
    if (max > COFFMAN_CYCLE_MAX)
        max = COFFMAN_CYCLE_MAX;
    if (e->from == e->to)
        return 0;   /* same lock or same class: the self-deadlock check's job */
    epoch++;
    frame stack[COFFMAN_CYCLE_MAX];
    size_t depth = 0, budget = is_new ? NEW_EDGE_BUDGET : RECHECK_BUDGET;
    visited(e->to);
    stack[depth++] = (frame){e->to, coffman_graph_first_out(e->to), 0};
    while (depth) {
        frame *top = &stack[depth - 1];
        uint32_t id = top->iter;
        if (!id) {
            depth--;
            continue;
        }
        coffman_edge *x = coffman_graph_edge(id);
        top->iter = x->next_out;
        if (!x->live)
            continue;
        if (!budget--) {
            if (!budget_said) {
                budget_said = true;
                coffman_notice("lock-order graph too dense: a cycle search stopped after %zu edges",
                               is_new ? (size_t)NEW_EDGE_BUDGET : (size_t)RECHECK_BUDGET);
            }
            return 0;
        }
        top->via = id;
        if (x->to == e->from) {
            cycles_exist = true;
            reached = true;
            /* Not marking `from` visited lets every path into it be judged:
             * the first path found may be gated while another is not. */
            size_t n = try_cycle(stack, depth, e, out, max);
            if (n)
                return n;
            continue;
        }
        if (depth + 1 >= max || visited(x->to))
            continue;
        stack[depth++] = (frame){x->to, coffman_graph_first_out(x->to), 0};
    }
    return 0;
}

void coffman_cycle_after_fork_child(void)
{
    cycles_exist = false;
    u64map_reset(&reported);
    epoch = 0;
}
