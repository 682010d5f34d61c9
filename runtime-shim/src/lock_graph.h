/* The lock-order graph: an edge A -> B means "some thread blocked (or
 * could have blocked) acquiring B while holding A".  Nodes are lock ids
 * (or class ids).  Known edges are found lock-free (one u64map probe);
 * everything else (new edge, new thread on an edge, fewer gate locks)
 * is a slow path under the table lock that ends in a cycle check. */
#ifndef COFFMAN_LOCK_GRAPH_H
#define COFFMAN_LOCK_GRAPH_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "thread_registry.h"

enum { COFFMAN_EDGE_GATES = 4 };

typedef struct coffman_edge {
    uint32_t from, to;            /* graph nodes */
    uint32_t next_out, next_in;   /* adjacency lists (edge ids) */
    uint32_t prev_out, prev_in;   /* doubly linked: a node leaves in O(its edges) */
    uint32_t thread_serial;       /* first thread that made it */
    _Atomic bool multi_thread;    /* another thread made it too */
    _Atomic uint8_t ngates;       /* locks held at every occurrence besides `from` */
    uint32_t gates[COFFMAN_EDGE_GATES];
    bool from_write, to_write;
    bool live;
    uintptr_t from_addr, to_addr; /* the objects when the edge was made */
    uintptr_t from_pc;            /* where `from` was acquired */
    uint32_t to_stack;            /* stack_depot id: where `to` was requested */
    uint32_t next_free;
    /* Epochs (thread_registry.h) of the first and the latest occurrence. */
    _Atomic uint32_t conc_first, conc_last;
    /* Some occurrence happened while other unjoined threads existed. */
    _Atomic bool shared;
    /* The graph's new-edge count when a search from this edge found no
     * path back at all: until another edge arrives, none can exist. */
    uint32_t no_path_at;
    /* Part of a reported cycle: a cycle through it is the same inversion. */
    bool reported;
} coffman_edge;

/* What the lock path knows when it finds an edge missing. */
typedef struct coffman_edge_event {
    uint32_t from, to;
    bool from_write, to_write;
    uintptr_t from_addr, to_addr, from_pc;
    uint32_t thread_serial;
    uint32_t epoch;
    bool shared;
    const uint32_t *held_nodes;   /* every node the thread holds */
    size_t held_count;
} coffman_edge_event;

/* Lock-free lookup. */
coffman_edge *coffman_graph_find(uint32_t from, uint32_t to);
coffman_edge *coffman_graph_edge(uint32_t id);
/* Slow paths; they may report a lock-order-inversion before returning. */
void coffman_graph_add(const coffman_edge_event *ev);
void coffman_graph_seen_by(coffman_edge *e, uint32_t thread_serial);
/* An occurrence at a later epoch than the latest recorded. */
void coffman_graph_seen_concurrent(coffman_edge *e, uint32_t epoch, bool shared);
void coffman_graph_retain_gates(coffman_edge *e, const uint32_t *held_nodes, size_t held_count);
/* Does the thread hold every gate of e?  (fast path, inline-able) */
static inline bool coffman_graph_gates_held(const coffman_edge *e, const uint32_t *held, size_t n)
{
    uint8_t g = atomic_load_explicit(&((coffman_edge *)e)->ngates, memory_order_relaxed);
    for (uint8_t i = 0; i < g; i++) {
        size_t j = 0;
        while (j < n && held[j] != e->gates[i])
            j++;
        if (j == n)
            return false;
    }
    return true;
}
/* Has this occurrence of an existing edge nothing to add: made by this
 * thread before (or by several), under no gate, already seen at this
 * epoch and, when other threads live, while they did?  Then the slow
 * path would change nothing. */
static inline bool coffman_edge_settled(const coffman_edge *e, uint32_t thread_serial, uint32_t epoch, bool shared)
{
    coffman_edge *m = (coffman_edge *)e;
    return (e->thread_serial == thread_serial || atomic_load_explicit(&m->multi_thread, memory_order_relaxed)) &&
           !atomic_load_explicit(&m->ngates, memory_order_relaxed) &&
           atomic_load_explicit(&m->conc_last, memory_order_relaxed) >= epoch &&
           (!shared || atomic_load_explicit(&m->shared, memory_order_relaxed));
}
/* Caller holds the table lock (lock_table.c). */
void coffman_graph_remove_node_locked(uint32_t node);
uint32_t coffman_graph_first_out(uint32_t node);
size_t coffman_graph_edge_count(void);
void coffman_graph_each(void (*fn)(uint32_t id, const coffman_edge *e, void *arg), void *arg);
void coffman_graph_after_fork_child(void);
/* Test hook: called instead of reporting when set (unit tests). */
extern void (*coffman_graph_cycle_hook)(const coffman_edge *const *cycle, size_t n);

#endif
