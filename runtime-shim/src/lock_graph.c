/* Storage and maintenance of the lock-order graph.  Readers probe the
 * edge map lock-free; writers hold the lock table's spinlock, so a node
 * leaving the table and an edge arriving never interleave. */
#define _GNU_SOURCE
#include "lock_graph.h"

#include "chain_cache.h"
#include "chunked.h"
#include "cycle_check.h"
#include "lock_table.h"
#include "report_emit.h"
#include "stack_capture.h"
#include "u64map.h"

#include <string.h>

enum { MAX_EDGES = 1 << 22 };

static u64map by_pair = {.initial = 1 << 16, .lo_mask = 0xffffffff, .lo_shift = 0, .hi_shift = 32};
static chunked edges = {.elem_size = sizeof(coffman_edge)};
static uint32_t next_edge = 1, free_edge, live_edges;
static bool full_said;
static uint32_t edges_added = 1;
void (*coffman_graph_cycle_hook)(const coffman_edge *const *cycle, size_t n);

static inline uint64_t pair_key(uint32_t from, uint32_t to)
{
    return ((uint64_t)from << 32) | to;
}

coffman_edge *coffman_graph_edge(uint32_t id)
{
    return id ? chunked_peek(&edges, id) : NULL;
}

coffman_edge *coffman_graph_find(uint32_t from, uint32_t to)
{
    uint32_t id;
    return u64map_get(&by_pair, pair_key(from, to), &id) ? coffman_graph_edge(id) : NULL;
}

uint32_t coffman_graph_first_out(uint32_t node)
{
    coffman_lock_info *i = coffman_lock_info_of(node);
    return i ? atomic_load_explicit(&i->out_head, memory_order_acquire) : 0;
}

size_t coffman_graph_edge_count(void) { return live_edges; }

static uint32_t alloc_edge(void)
{
    if (free_edge) {
        uint32_t id = free_edge;
        free_edge = coffman_graph_edge(id)->next_free;
        return id;
    }
    if (next_edge >= MAX_EDGES) {
        if (!full_said) {
            full_said = true;
            coffman_notice("lock-order graph full (%d edges): new lock orders are not checked", MAX_EDGES);
        }
        return 0;
    }
    return chunked_get(&edges, next_edge) ? next_edge++ : 0;
}

static void set_gates(coffman_edge *e, const uint32_t *held, size_t n)
{
    uint8_t g = 0;
    for (size_t i = 0; i < n && g < COFFMAN_EDGE_GATES; i++)
        if (held[i] != e->from && held[i] != e->to)
            e->gates[g++] = held[i];
    atomic_store_explicit(&e->ngates, g, memory_order_release);
}

/* Runs the cycle search for e and reports outside the lock.  An edge that
 * is not new can only be on a cycle if the graph has one at all. */
static void check_and_unlock_edge(coffman_edge *e, bool is_new)
{
    coffman_edge cycle[COFFMAN_CYCLE_MAX];
    size_t n = 0;
    if (is_new || (coffman_cycle_possible() && e->no_path_at != edges_added)) {
        n = coffman_cycle_find(e, cycle, COFFMAN_CYCLE_MAX, is_new);
        if (!coffman_cycle_reached())
            e->no_path_at = edges_added;
    }
    coffman_table_unlock();
    if (!n)
        return;
    const coffman_edge *ptrs[COFFMAN_CYCLE_MAX];
    for (size_t i = 0; i < n; i++)
        ptrs[i] = &cycle[i];
    if (coffman_graph_cycle_hook)
        coffman_graph_cycle_hook(ptrs, n);
    else
        coffman_report_lock_cycle(ptrs, n);
}

void coffman_graph_add(const coffman_edge_event *ev)
{
    /* The stack is captured before the lock: unwinding may be slow and
     * must not run under the shim's own lock. */
    uint32_t stack = coffman_capture_stack_id(2);
    coffman_table_lock();
    coffman_edge *e = coffman_graph_find(ev->from, ev->to);
    if (e) {
        coffman_table_unlock();
        if (e->thread_serial != ev->thread_serial && !e->multi_thread)
            coffman_graph_seen_by(e, ev->thread_serial);
        return;
    }
    coffman_lock_info *fi = coffman_lock_info_of(ev->from), *ti = coffman_lock_info_of(ev->to);
    uint32_t id = fi && ti ? alloc_edge() : 0;
    if (!id) {
        coffman_table_unlock();
        return;
    }
    e = coffman_graph_edge(id);
    memset(e, 0, sizeof *e);
    e->from = ev->from;
    e->to = ev->to;
    e->from_write = ev->from_write;
    e->to_write = ev->to_write;
    e->from_addr = ev->from_addr;
    e->to_addr = ev->to_addr;
    e->from_pc = ev->from_pc;
    e->to_stack = stack;
    e->thread_serial = ev->thread_serial;
    e->live = true;
    atomic_store(&e->conc_first, ev->epoch);
    atomic_store(&e->conc_last, ev->epoch);
    atomic_store(&e->shared, ev->shared);
    set_gates(e, ev->held_nodes, ev->held_count);
    e->next_out = fi->out_head;
    e->next_in = ti->in_head;
    if (e->next_out)
        coffman_graph_edge(e->next_out)->prev_out = id;
    if (e->next_in)
        coffman_graph_edge(e->next_in)->prev_in = id;
    atomic_store_explicit(&fi->out_head, id, memory_order_release);
    atomic_store_explicit(&ti->in_head, id, memory_order_release);
    if (!u64map_put(&by_pair, pair_key(ev->from, ev->to), id)) {
        e->live = false;   /* unreachable through the map, skipped by searches */
        coffman_table_unlock();
        return;
    }
    live_edges++;
    edges_added++;
    check_and_unlock_edge(e, true);
}

void coffman_graph_seen_by(coffman_edge *e, uint32_t thread_serial)
{
    coffman_table_lock();
    if (!e->live || e->multi_thread || e->thread_serial == thread_serial) {
        coffman_table_unlock();
        return;
    }
    atomic_store_explicit(&e->multi_thread, true, memory_order_release);
    check_and_unlock_edge(e, false);
}

void coffman_graph_seen_concurrent(coffman_edge *e, uint32_t epoch, bool shared)
{
    coffman_table_lock();
    uint32_t last = atomic_load(&e->conc_last);
    bool newly_shared = shared && !atomic_load(&e->shared);
    if (!e->live || (epoch <= last && !newly_shared)) {
        coffman_table_unlock();
        return;
    }
    if (epoch > last)
        atomic_store(&e->conc_last, epoch);
    if (newly_shared)
        atomic_store(&e->shared, true);
    check_and_unlock_edge(e, false);
}

void coffman_graph_retain_gates(coffman_edge *e, const uint32_t *held, size_t n)
{
    coffman_table_lock();
    uint8_t g = 0, old = atomic_load_explicit(&e->ngates, memory_order_relaxed);
    for (uint8_t i = 0; i < old; i++) {
        for (size_t j = 0; j < n; j++)
            if (held[j] == e->gates[i]) {
                e->gates[g++] = e->gates[i];
                break;
            }
    }
    atomic_store_explicit(&e->ngates, g, memory_order_release);
    if (!e->live || g == old) {
        coffman_table_unlock();
        return;
    }
    check_and_unlock_edge(e, false);
}

/* Unlinks edge id from an out-list (out) or an in-list. */
static void unlink_edge(uint32_t id, bool out)
{
    coffman_edge *e = coffman_graph_edge(id);
    uint32_t prev = out ? e->prev_out : e->prev_in, next = out ? e->next_out : e->next_in;
    if (prev) {
        coffman_edge *p = coffman_graph_edge(prev);
        if (out)
            p->next_out = next;
        else
            p->next_in = next;
    } else {
        coffman_lock_info *n = coffman_lock_info_of(out ? e->from : e->to);
        atomic_store_explicit(out ? &n->out_head : &n->in_head, next, memory_order_release);
    }
    if (next) {
        coffman_edge *x = coffman_graph_edge(next);
        if (out)
            x->prev_out = prev;
        else
            x->prev_in = prev;
    }
}

static void drop_edge(uint32_t id)
{
    coffman_edge *e = coffman_graph_edge(id);
    u64map_del(&by_pair, pair_key(e->from, e->to));
    e->live = false;
    e->next_free = free_edge;
    free_edge = id;
    live_edges--;
}

void coffman_graph_remove_node_locked(uint32_t node)
{
    coffman_lock_info *info = coffman_lock_info_of(node);
    if (!info)
        return;
    /* Cached checks of chains through this node no longer hold. */
    if (info->out_head || info->in_head)
        coffman_chain_cache_invalidate();
    while (info->out_head) {
        uint32_t id = info->out_head;
        unlink_edge(id, true);
        unlink_edge(id, false);
        drop_edge(id);
    }
    while (info->in_head) {
        uint32_t id = info->in_head;
        unlink_edge(id, true);
        unlink_edge(id, false);
        drop_edge(id);
    }
}

void coffman_graph_each(void (*fn)(uint32_t, const coffman_edge *, void *), void *arg)
{
    for (uint32_t id = 1; id < next_edge; id++) {
        coffman_edge *e = coffman_graph_edge(id);
        if (e && e->live)
            fn(id, e, arg);
    }
}

void coffman_graph_after_fork_child(void)
{
    coffman_chain_cache_invalidate();
    u64map_reset(&by_pair);
    chunked_reset(&edges);
    next_edge = 1;
    edges_added = 1;
    free_edge = 0;
    live_edges = 0;
    coffman_cycle_after_fork_child();
}
