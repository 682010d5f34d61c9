/* The interposers' fast path.  An acquisition that can teach the analysis
 * nothing new costs one push on the thread's held stack and nothing else:
 *  - the thread holds no lock: no order edge can arise, no relock;
 *  - or it holds exactly a chain of locks whose extension by this lock it
 *    already checked (a chain cache hit, chain_cache.h).  A hit also rules
 *    out a relock: the cached check found this lock was not held.
 * The entry is pushed before the real lock is called, so that the call is
 * a tail call; that is only right for locks whose real acquisition cannot
 * fail and that look free (a busy one gets the marked, blocking path).
 * Everything else takes the general path of lock_events.h. */
#ifndef COFFMAN_LOCK_FAST_H
#define COFFMAN_LOCK_FAST_H

#include "chain_cache.h"
#include "thread_registry.h"

#include <stdatomic.h>

/* The calling thread's record when the shim is running and this call is
 * not made from inside it, else NULL.  A thread has a record only once the
 * shim is active. */
static inline coffman_thread *coffman_fast_thread(void)
{
    coffman_thread *t = coffman_tls_self;
    return COFFMAN_LIKELY(t != NULL && !coffman_busy) ? t : NULL;
}

/* Claims the slot before filling it: a signal handler that locks in
 * between pushes above it instead of overwriting it. */
static inline void coffman_fast_push(coffman_thread *t, const void *addr, coffman_obj_kind kind, bool write,
                                     uintptr_t pc, uint64_t chain, uint32_t node)
{
    coffman_held_stack *h = &t->held;
    size_t n = h->len;
    h->len = n + 1;
    atomic_signal_fence(memory_order_seq_cst);
    h->items[n] = (coffman_held){
        .addr = (uintptr_t)addr, .node = node, .count = 1, .acq_pc = pc, .write = write, .kind = (uint8_t)kind,
        .chain = chain,
    };
    coffman_thread_progress(t);
}

/* Pushes the acquisition when nothing needs checking (nothing held, or a
 * chain cache hit); false sends the caller on. */
static inline bool coffman_fast_acquire(coffman_thread *t, const void *addr, coffman_obj_kind kind, bool write,
                                        uintptr_t pc)
{
    coffman_held_stack *h = &t->held;
    size_t n = h->len;
    if (COFFMAN_UNLIKELY(n >= h->cap))
        return false;
    uint64_t chain = coffman_chain_mix(n ? h->items[n - 1].chain : 0, (uintptr_t)addr, write);
    if (n) {
        uint64_t key = coffman_chain_key(chain);
        if (!coffman_chain_cached(t->chain_cache, key))
            return false;
    }
    coffman_fast_push(t, addr, kind, write, pc, chain, 0);
    return true;
}

/* lock_events.c: the next try after a chain cache miss, at the top of the
 * interposers' general paths.  A steady state over more lock pairs than
 * the cache has room for finds every edge from a held lock to this one
 * already in the graph with nothing to update: then the acquisition is
 * pushed (and cached) without the general path's work. */
bool coffman_known_acquire(coffman_thread *t, const void *addr, coffman_obj_kind kind, bool write, uintptr_t pc);

/* Pops the innermost lock when it is this one, taken once; false sends the
 * caller to the general path (out-of-order release, recursion). */
static inline bool coffman_fast_release(coffman_thread *t, const void *addr)
{
    coffman_held_stack *h = &t->held;
    size_t n = h->len;
    if (COFFMAN_UNLIKELY(n == 0 || h->items[n - 1].addr != (uintptr_t)addr || h->items[n - 1].count != 1))
        return false;
    h->len = n - 1;
    coffman_thread_progress(t);
    return true;
}

/* A mutex whose lock cannot fail once the caller does not hold it:
 * glibc's normal, recursive and adaptive kinds without the robust,
 * priority or process-shared bits (errorcheck may say EDEADLK). */
static inline bool coffman_mutex_plain(const pthread_mutex_t *m)
{
    int kind = m->__data.__kind;
    return kind == PTHREAD_MUTEX_TIMED_NP || kind == PTHREAD_MUTEX_RECURSIVE_NP ||
           kind == PTHREAD_MUTEX_ADAPTIVE_NP;
}

static inline bool coffman_mutex_looks_free(pthread_mutex_t *m)
{
    return atomic_load_explicit((_Atomic int *)&m->__data.__lock, memory_order_relaxed) == 0;
}

#endif
