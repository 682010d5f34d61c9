/* The shim's own lock: a test-and-test-and-set spinlock that yields.
 * Never a pthread mutex, so the shim never intercepts itself; only used
 * around slow paths (new lock, new edge, registry changes, reports). */
#ifndef COFFMAN_SPIN_H
#define COFFMAN_SPIN_H

#include <sched.h>
#include <stdatomic.h>

typedef struct { atomic_int v; } coffman_spin;
#define COFFMAN_SPIN_INIT {0}

static inline void coffman_spin_lock(coffman_spin *s)
{
    for (int n = 0;; n++) {
        if (!atomic_load_explicit(&s->v, memory_order_relaxed) &&
            !atomic_exchange_explicit(&s->v, 1, memory_order_acquire))
            return;
        if (n > 64)
            sched_yield();
        else
            __builtin_ia32_pause();
    }
}

static inline void coffman_spin_unlock(coffman_spin *s)
{
    atomic_store_explicit(&s->v, 0, memory_order_release);
}

static inline void coffman_spin_reset(coffman_spin *s)
{
    atomic_store_explicit(&s->v, 0, memory_order_relaxed);
}

#endif
