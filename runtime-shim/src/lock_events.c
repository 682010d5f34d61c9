/* Slow paths of the lock events: new or changed edges, relocks, a held
 * stack that must grow, rwlock write marks. */
#define _GNU_SOURCE
#include "lock_events.h"

#include "chain_cache.h"
#include "lock_fast.h"
#include "options.h"
#include "report_emit.h"

enum { HELD_NODES_MAX = 256 };

static size_t held_nodes(const coffman_thread *t, uint32_t *out)
{
    size_t n = 0;
    for (size_t i = 0; i < t->held.len && n < HELD_NODES_MAX; i++) {
        coffman_held *x = &t->held.items[i];
        if (!x->node)
            x->node = coffman_node_of((const void *)x->addr, (coffman_obj_kind)x->kind);
        if (x->node != COFFMAN_NODE_NONE)
            out[n++] = x->node;
    }
    return n;
}

_Atomic uint64_t coffman_chain_salt;

void coffman_edges_slow(coffman_acq *a, size_t from_index)
{
    coffman_thread *t = a->t;
    coffman_busy++;
    uint32_t nodes[HELD_NODES_MAX];
    size_t n = held_nodes(t, nodes);
    uint32_t epoch = atomic_load(&coffman_thread_epoch);
    bool shared = atomic_load(&coffman_registry_in_use) > 1;
    for (size_t i = from_index; i < t->held.len; i++) {
        coffman_held *x = &t->held.items[i];
        if (x->node == COFFMAN_NODE_NONE || x->node == a->node)
            continue;
        coffman_edge *e = coffman_graph_find(x->node, a->node);
        if (!e) {
            coffman_edge_event ev = {
                .from = x->node, .to = a->node, .from_write = x->write, .to_write = a->write,
                .from_addr = x->addr, .to_addr = (uintptr_t)a->addr, .from_pc = x->acq_pc,
                .thread_serial = t->serial, .held_nodes = nodes, .held_count = n,
                .epoch = epoch, .shared = shared,
            };
            coffman_graph_add(&ev);
            continue;
        }
        if (e->thread_serial != t->serial && !e->multi_thread)
            coffman_graph_seen_by(e, t->serial);
        if (atomic_load_explicit(&e->ngates, memory_order_relaxed) &&
            !coffman_graph_gates_held(e, nodes, n))
            coffman_graph_retain_gates(e, nodes, n);
        if (atomic_load(&e->conc_last) < epoch || (shared && !atomic_load(&e->shared)))
            coffman_graph_seen_concurrent(e, epoch, shared);
    }
    coffman_busy--;
}

/* The graph node of addr when taking it under the held locks would add
 * nothing to the graph, else 0. */
static uint32_t known_edges(coffman_thread *t, const void *addr)
{
    coffman_held_stack *h = &t->held;
    if (coffman_held_find(h, (uintptr_t)addr) >= 0)
        return 0;   /* a relock: the general path decides */
    uint32_t node = coffman_lock_node_peek(addr);
    if (!node)
        return 0;
    uint32_t epoch = atomic_load_explicit(&coffman_thread_epoch, memory_order_relaxed);
    bool shared = atomic_load_explicit(&coffman_registry_in_use, memory_order_relaxed) > 1;
    for (size_t i = 0; i < h->len; i++) {
        const coffman_held *x = &h->items[i];
        if (!x->node)
            return 0;   /* not looked up yet */
        if (x->node == COFFMAN_NODE_NONE || x->node == node)
            continue;
        coffman_edge *e = coffman_graph_find(x->node, node);
        if (!e || !coffman_edge_settled(e, t->serial, epoch, shared))
            return 0;
    }
    return node;
}

bool coffman_known_acquire(coffman_thread *t, const void *addr, coffman_obj_kind kind, bool write, uintptr_t pc)
{
    coffman_held_stack *h = &t->held;
    size_t n = h->len;
    if (n == 0 || n >= h->cap)
        return false;
    uint32_t node = known_edges(t, addr);
    if (!node)
        return false;
    uint64_t chain = coffman_chain_mix(h->items[n - 1].chain, (uintptr_t)addr, write);
    uint64_t key = coffman_chain_key(chain);
    coffman_chain_remember(t->chain_cache, key);
    coffman_fast_push(t, addr, kind, write, pc, chain, node);
    return true;
}

void coffman_relock_slow(coffman_acq *a, coffman_relock how, const char *fn)
{
    coffman_held *x = &a->t->held.items[a->relock];
    if (a->kind == COFFMAN_OBJ_RWLOCK) {
        /* glibc: any request while write-held fails with EDEADLK; a read
         * after a read counts; a write after a read waits for itself. */
        if (x->write) {
            a->relock = -1;
            a->node = COFFMAN_NODE_NONE;
            return;
        }
        how = a->write ? COFFMAN_RELOCK_HANGS : COFFMAN_RELOCK_COUNTS;
    }
    if (how == COFFMAN_RELOCK_COUNTS)
        return;
    if (how == COFFMAN_RELOCK_FAILS) {
        a->relock = -1;   /* the real call returns EDEADLK: nothing is pushed */
        a->node = COFFMAN_NODE_NONE;
        return;
    }
    coffman_busy++;
    coffman_report_self_deadlock(a->t, (uintptr_t)a->addr, a->kind, x->acq_pc, fn);
    coffman_busy--;
    if (coffman_opts.halt_on_deadlock)
        coffman_halt();
    a->relock = -1;
    a->node = COFFMAN_NODE_NONE;
}

void coffman_after_lock_slow(coffman_acq *a, bool tried)
{
    coffman_thread *t = a->t;
    if (a->write && a->kind == COFFMAN_OBJ_RWLOCK) {
        coffman_busy++;
        uint32_t id = coffman_lock_id(a->addr, a->kind, 0);
        coffman_busy--;
        coffman_lock_info *i = coffman_lock_info_of(id), *g = coffman_lock_info_of(id ? coffman_lock_node(id) : 0);
        if (i && !atomic_load_explicit(&i->ever_written, memory_order_relaxed))
            atomic_store_explicit(&i->ever_written, true, memory_order_relaxed);
        if (g && !atomic_load_explicit(&g->ever_written, memory_order_relaxed))
            atomic_store_explicit(&g->ever_written, true, memory_order_relaxed);
    }
    coffman_held x = {
        .addr = (uintptr_t)a->addr, .node = a->node, .count = 1, .acq_pc = a->pc,
        .write = a->write, .tried = tried, .kind = (uint8_t)a->kind,
    };
    coffman_held_push(&t->held, &x);
}
