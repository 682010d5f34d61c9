/* What the lock interposers tell the analysis: before a blocking
 * acquisition (order edges, self-deadlock), after any acquisition (held
 * stack), at release.  The common case -- no lock held, or only known
 * edges -- stays in this header, inline, without allocation. */
#ifndef COFFMAN_LOCK_EVENTS_H
#define COFFMAN_LOCK_EVENTS_H

#include "chain_cache.h"
#include "lock_graph.h"
#include "lock_table.h"
#include "shim.h"
#include "thread_registry.h"

#include <stdint.h>

/* How a relock of a lock the thread already holds behaves. */
typedef enum coffman_relock {
    COFFMAN_RELOCK_HANGS,      /* normal mutex, spinlock, write after read */
    COFFMAN_RELOCK_COUNTS,     /* recursive mutex, read after read */
    COFFMAN_RELOCK_FAILS,      /* errorcheck: returns EDEADLK */
} coffman_relock;

typedef struct coffman_acq {
    coffman_thread *t;
    const void *addr;
    uint32_t node;             /* 0: not looked up (nothing was held) */
    uintptr_t pc;
    long relock;               /* index in held stack when already held, else -1 */
    bool write;
    coffman_obj_kind kind;
} coffman_acq;

/* The calling thread's record, or NULL when the call must pass through
 * (shim not ready, inside the shim, or an exiting thread). */
static inline coffman_thread *coffman_lock_thread(void)
{
    extern volatile int coffman_active;
    if (COFFMAN_UNLIKELY(!coffman_active || coffman_busy))
        return NULL;
    return coffman_thread_self();
}

void coffman_edges_slow(coffman_acq *a, size_t from_index);
void coffman_relock_slow(coffman_acq *a, coffman_relock how, const char *fn);

/* Graph node of a lock, COFFMAN_NODE_NONE when it cannot be tracked. */
static inline uint32_t coffman_node_of(const void *addr, coffman_obj_kind kind)
{
    uint32_t id = coffman_lock_id(addr, kind, 0);
    uint32_t node = id ? coffman_lock_node(id) : 0;
    return node ? node : COFFMAN_NODE_NONE;
}

static inline void coffman_acq_init(coffman_acq *a, coffman_thread *t, const void *addr, coffman_obj_kind kind,
                                    bool write, uintptr_t pc)
{
    a->t = t;
    a->addr = addr;
    a->kind = kind;
    a->write = write;
    a->pc = pc;
    a->node = 0;
    a->relock = coffman_held_find(&t->held, (uintptr_t)addr);
}

/* Before a call that may block: order edges from every held lock, and
 * the relock check.  A thread that holds nothing does no lookup at all:
 * the lock's node is found only when something is taken under it. */
static inline void coffman_before_lock(coffman_acq *a, coffman_thread *t, const void *addr,
                                       coffman_obj_kind kind, bool write, uintptr_t pc,
                                       coffman_relock relock_how, const char *fn)
{
    coffman_acq_init(a, t, addr, kind, write, pc);
    if (COFFMAN_UNLIKELY(a->relock >= 0)) {
        coffman_relock_slow(a, relock_how, fn);
        return;
    }
    coffman_held_stack *h = &t->held;
    if (COFFMAN_LIKELY(h->len == 0))
        return;
    /* The same locks in the same order were checked before (and nothing
     * changed since): nothing new can come of checking again. */
    uint32_t epoch = atomic_load_explicit(&coffman_thread_epoch, memory_order_relaxed);
    bool shared = atomic_load_explicit(&coffman_registry_in_use, memory_order_relaxed) > 1;
    uint64_t key = coffman_chain_key(coffman_chain_mix(h->items[h->len - 1].chain, (uintptr_t)addr, write));
    if (COFFMAN_LIKELY(coffman_chain_cached(t->chain_cache, key)))
        return;
    coffman_chain_remember(t->chain_cache, key);
    a->node = coffman_node_of(addr, kind);
    if (a->node == COFFMAN_NODE_NONE)
        return;
    for (size_t i = 0; i < h->len; i++) {
        coffman_held *x = &h->items[i];
        if (COFFMAN_UNLIKELY(!x->node))
            x->node = coffman_node_of((const void *)x->addr, (coffman_obj_kind)x->kind);
        if (x->node == COFFMAN_NODE_NONE || x->node == a->node)
            continue;
        coffman_edge *e = coffman_graph_find(x->node, a->node);
        if (COFFMAN_UNLIKELY(!e || !coffman_edge_settled(e, t->serial, epoch, shared))) {
            coffman_edges_slow(a, i);
            return;
        }
    }
}

/* After the lock was acquired (blocking or try). */
void coffman_after_lock_slow(coffman_acq *a, bool tried);
static inline void coffman_after_lock(coffman_acq *a, bool tried)
{
    coffman_thread *t = a->t;
    coffman_thread_progress(t);
    if (a->relock >= 0) {
        t->held.items[a->relock].count++;
        return;
    }
    if (COFFMAN_LIKELY(t->held.len < t->held.cap && (!a->write || a->kind != COFFMAN_OBJ_RWLOCK))) {
        coffman_held *x = &t->held.items[t->held.len++];
        x->addr = (uintptr_t)a->addr;
        x->node = a->node;
        x->count = 1;
        x->acq_pc = a->pc;
        x->acq_stack = 0;
        x->write = a->write;
        x->tried = tried;
        x->kind = (uint8_t)a->kind;
        x->chain = coffman_chain_mix(t->held.len > 1 ? x[-1].chain : 0, x->addr, a->write);
        return;
    }
    coffman_after_lock_slow(a, tried);
}

/* A try-acquisition: no order edge, but a relock still counts. */
static inline void coffman_prepare_try(coffman_acq *a, coffman_thread *t, const void *addr,
                                       coffman_obj_kind kind, bool write, uintptr_t pc)
{
    coffman_acq_init(a, t, addr, kind, write, pc);
}

static inline void coffman_on_unlock(coffman_thread *t, const void *addr)
{
    coffman_thread_progress(t);
    coffman_held_stack *h = &t->held;
    if (COFFMAN_LIKELY(h->len && h->items[h->len - 1].addr == (uintptr_t)addr)) {
        coffman_held *x = &h->items[h->len - 1];
        if (x->count > 1)
            x->count--;
        else
            h->len--;
        return;
    }
    long i = coffman_held_find(h, (uintptr_t)addr);
    if (i < 0)
        return;
    if (h->items[i].count > 1)
        h->items[i].count--;
    else
        coffman_held_remove(h, (size_t)i);
}

/* Condition waits (interpose_cond.c), shared with the C11 cnd_* ones. */
void coffman_cond_wait_begin(coffman_thread *t, const void *c, const void *m, bool timed, long *index,
                             coffman_held *saved, uintptr_t pc, uintptr_t sp);
void coffman_cond_wait_end(coffman_thread *t, long index, const coffman_held *saved);
void coffman_cond_signalled(const void *c);

/* glibc's mutex kind bits (PTHREAD_MUTEX_KIND_MASK_NP): statically
 * initialised mutexes never pass through pthread_mutex_init, so the kind
 * is read from the object itself. */
static inline coffman_relock coffman_mutex_relock(const pthread_mutex_t *m)
{
    switch (m->__data.__kind & 3) {
    case PTHREAD_MUTEX_RECURSIVE_NP: return COFFMAN_RELOCK_COUNTS;
    case PTHREAD_MUTEX_ERRORCHECK_NP: return COFFMAN_RELOCK_FAILS;
    default: return COFFMAN_RELOCK_HANGS;
    }
}

#endif
