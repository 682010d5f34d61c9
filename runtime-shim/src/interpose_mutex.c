/* pthread_mutex_* interposers. */
#define _GNU_SOURCE
#include "lock_events.h"
#include "lock_fast.h"
#include "wait_helpers.h"

#include <stdatomic.h>

static int block_on(coffman_thread *t, pthread_mutex_t *m, uintptr_t pc)
{
    coffman_thread_block_fast(t, COFFMAN_WAIT_MUTEX, m, pc, false);
    struct timespec ts = coffman_deadline(CLOCK_REALTIME, COFFMAN_QUICK_WAIT_MS);
    int r = coffman_real.mutex_timedlock(m, &ts);
    if (r == ETIMEDOUT) {
        coffman_thread_wait_stack_now(t);
        r = coffman_real.mutex_lock(m);
    }
    coffman_thread_unblock(t);
    return r;
}

static inline bool acquired(int r) { return r == 0 || r == EOWNERDEAD; }

__attribute__((noinline)) static int lock_general(pthread_mutex_t *m, uintptr_t pc)
{
    coffman_thread *t = coffman_lock_thread();
    if (!t)
        return REAL(mutex_lock)(m);
    if (coffman_mutex_plain(m) && coffman_mutex_looks_free(m) &&
        coffman_known_acquire(t, m, COFFMAN_OBJ_MUTEX, true, pc))
        return coffman_real.mutex_lock(m);
    coffman_acq a;
    coffman_before_lock(&a, t, m, COFFMAN_OBJ_MUTEX, true, pc, coffman_mutex_relock(m), "pthread_mutex_lock");
    int r;
    /* glibc's trylock costs twice a lock, so a mutex that looks free is
     * simply locked; a busy one gets the marked, stack-capturing wait.
     * (Only a mutex taken by another thread in the nanoseconds between
     * the look and the lock waits unmarked.) */
    if (COFFMAN_LIKELY(atomic_load_explicit((_Atomic int *)&m->__data.__lock, memory_order_relaxed) == 0)) {
        r = coffman_real.mutex_lock(m);
    } else {
        r = coffman_real.mutex_trylock(m);
        if (r == EBUSY)
            r = block_on(t, m, pc);
    }
    if (acquired(r))
        coffman_after_lock(&a, false);
    return r;
}

COFFMAN_EXPORT int pthread_mutex_lock(pthread_mutex_t *m)
{
    uintptr_t pc = COFFMAN_CALLER_PC();
    coffman_thread *t = coffman_fast_thread();
    if (COFFMAN_LIKELY(t && coffman_mutex_plain(m) && coffman_mutex_looks_free(m) &&
                       coffman_fast_acquire(t, m, COFFMAN_OBJ_MUTEX, true, pc)))
        return coffman_real.mutex_lock(m);
    return lock_general(m, pc);
}

COFFMAN_EXPORT int pthread_mutex_trylock(pthread_mutex_t *m)
{
    coffman_thread *t = coffman_lock_thread();
    if (!t)
        return REAL(mutex_trylock)(m);
    int r = coffman_real.mutex_trylock(m);
    if (acquired(r)) {
        coffman_acq a;
        coffman_prepare_try(&a, t, m, COFFMAN_OBJ_MUTEX, true, COFFMAN_CALLER_PC());
        coffman_after_lock(&a, true);
    }
    return r;
}

static int timed(pthread_mutex_t *m, clockid_t clock, const struct timespec *abs, bool clocked, uintptr_t pc)
{
    coffman_thread *t = coffman_lock_thread();
    if (!t)
        return clocked ? REAL(mutex_clocklock)(m, clock, abs) : REAL(mutex_timedlock)(m, abs);
    /* A timed wait gives up by itself: like a trylock it adds no order
     * edge (the usual cure for an unavoidable opposite order). */
    coffman_acq a;
    coffman_acq_init(&a, t, m, COFFMAN_OBJ_MUTEX, true, pc);
    int r = coffman_real.mutex_trylock(m);
    if (r == EBUSY) {
        coffman_thread_block_fast(t, COFFMAN_WAIT_MUTEX, m, pc, true);
        r = clocked ? coffman_real.mutex_clocklock(m, clock, abs) : coffman_real.mutex_timedlock(m, abs);
        coffman_thread_unblock(t);
    }
    if (acquired(r))
        coffman_after_lock(&a, false);
    return r;
}

COFFMAN_EXPORT int pthread_mutex_timedlock(pthread_mutex_t *m, const struct timespec *abs)
{
    return timed(m, CLOCK_REALTIME, abs, false, COFFMAN_CALLER_PC());
}

COFFMAN_EXPORT int pthread_mutex_clocklock(pthread_mutex_t *m, clockid_t clock, const struct timespec *abs)
{
    return timed(m, clock, abs, true, COFFMAN_CALLER_PC());
}

__attribute__((noinline)) static int unlock_general(pthread_mutex_t *m)
{
    coffman_thread *t = coffman_lock_thread();
    if (t)
        coffman_on_unlock(t, m);
    return REAL(mutex_unlock)(m);
}

COFFMAN_EXPORT int pthread_mutex_unlock(pthread_mutex_t *m)
{
    coffman_thread *t = coffman_fast_thread();
    if (COFFMAN_LIKELY(t && coffman_fast_release(t, m)))
        return coffman_real.mutex_unlock(m);
    return unlock_general(m);
}

COFFMAN_EXPORT int pthread_mutex_init(pthread_mutex_t *m, const pthread_mutexattr_t *attr)
{
    int r = REAL(mutex_init)(m, attr);
    if (r == 0 && coffman_active && !coffman_busy) {
        coffman_busy++;
        coffman_lock_forget(m);   /* a re-init is a new lock: old edges go */
        coffman_lock_id(m, COFFMAN_OBJ_MUTEX, COFFMAN_CALLER_PC());
        coffman_busy--;
    }
    return r;
}

COFFMAN_EXPORT int pthread_mutex_destroy(pthread_mutex_t *m)
{
    if (coffman_active && !coffman_busy) {
        coffman_busy++;
        coffman_lock_forget(m);
        coffman_busy--;
    }
    return REAL(mutex_destroy)(m);
}
