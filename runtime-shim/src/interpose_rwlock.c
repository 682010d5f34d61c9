/* pthread_rwlock_* and pthread_spin_* interposers. */
#define _GNU_SOURCE
#include "lock_events.h"
#include "lock_fast.h"
#include "wait_helpers.h"

typedef int (*rw_try)(pthread_rwlock_t *);
typedef int (*rw_timed)(pthread_rwlock_t *, const struct timespec *);

static int rw_acquire(pthread_rwlock_t *l, bool write, const struct timespec *abs, uintptr_t pc)
{
    rw_try try_fn = write ? REAL(rwlock_trywrlock) : REAL(rwlock_tryrdlock);
    rw_try lock_fn = write ? coffman_real.rwlock_wrlock : coffman_real.rwlock_rdlock;
    rw_timed timed_fn = write ? coffman_real.rwlock_timedwrlock : coffman_real.rwlock_timedrdlock;
    coffman_thread *t = coffman_lock_thread();
    if (!t)
        return abs ? timed_fn(l, abs) : lock_fn(l);
    coffman_acq a;
    if (abs)   /* timed: gives up by itself, no order edge (like a trylock) */
        coffman_acq_init(&a, t, l, COFFMAN_OBJ_RWLOCK, write, pc);
    else
        coffman_before_lock(&a, t, l, COFFMAN_OBJ_RWLOCK, write, pc, COFFMAN_RELOCK_HANGS,
                            write ? "pthread_rwlock_wrlock" : "pthread_rwlock_rdlock");
    int r = try_fn(l);
    if (r == EBUSY) {
        coffman_wait_kind kind = write ? COFFMAN_WAIT_WRLOCK : COFFMAN_WAIT_RDLOCK;
        coffman_thread_block_fast(t, kind, l, pc, abs != NULL);
        if (abs) {
            r = timed_fn(l, abs);
        } else {
            struct timespec ts = coffman_deadline(CLOCK_REALTIME, COFFMAN_QUICK_WAIT_MS);
            r = timed_fn(l, &ts);
            if (r == ETIMEDOUT) {
                coffman_thread_wait_stack_now(t);
                r = lock_fn(l);
            }
        }
        coffman_thread_unblock(t);
    }
    if (r == 0)
        coffman_after_lock(&a, false);
    return r;
}

COFFMAN_EXPORT int pthread_rwlock_rdlock(pthread_rwlock_t *l)
{
    return rw_acquire(l, false, NULL, COFFMAN_CALLER_PC());
}

COFFMAN_EXPORT int pthread_rwlock_wrlock(pthread_rwlock_t *l)
{
    return rw_acquire(l, true, NULL, COFFMAN_CALLER_PC());
}

COFFMAN_EXPORT int pthread_rwlock_timedrdlock(pthread_rwlock_t *l, const struct timespec *abs)
{
    return rw_acquire(l, false, abs, COFFMAN_CALLER_PC());
}

COFFMAN_EXPORT int pthread_rwlock_timedwrlock(pthread_rwlock_t *l, const struct timespec *abs)
{
    return rw_acquire(l, true, abs, COFFMAN_CALLER_PC());
}

static int rw_try_acquire(pthread_rwlock_t *l, bool write, uintptr_t pc)
{
    int r = write ? REAL(rwlock_trywrlock)(l) : REAL(rwlock_tryrdlock)(l);
    coffman_thread *t = r == 0 ? coffman_lock_thread() : NULL;
    if (t) {
        coffman_acq a;
        coffman_prepare_try(&a, t, l, COFFMAN_OBJ_RWLOCK, write, pc);
        coffman_after_lock(&a, true);
    }
    return r;
}

COFFMAN_EXPORT int pthread_rwlock_tryrdlock(pthread_rwlock_t *l)
{
    return rw_try_acquire(l, false, COFFMAN_CALLER_PC());
}

COFFMAN_EXPORT int pthread_rwlock_trywrlock(pthread_rwlock_t *l)
{
    return rw_try_acquire(l, true, COFFMAN_CALLER_PC());
}

__attribute__((noinline)) static int rwlock_unlock_general(pthread_rwlock_t *l)
{
    coffman_thread *t = coffman_lock_thread();
    if (t)
        coffman_on_unlock(t, l);
    return REAL(rwlock_unlock)(l);
}

COFFMAN_EXPORT int pthread_rwlock_unlock(pthread_rwlock_t *l)
{
    coffman_thread *t = coffman_fast_thread();
    if (COFFMAN_LIKELY(t && coffman_fast_release(t, l)))
        return coffman_real.rwlock_unlock(l);
    return rwlock_unlock_general(l);
}

COFFMAN_EXPORT int pthread_rwlock_init(pthread_rwlock_t *l, const pthread_rwlockattr_t *attr)
{
    int r = REAL(rwlock_init)(l, attr);
    if (r == 0 && coffman_active && !coffman_busy) {
        coffman_busy++;
        coffman_lock_forget(l);
        coffman_lock_id(l, COFFMAN_OBJ_RWLOCK, COFFMAN_CALLER_PC());
        coffman_busy--;
    }
    return r;
}

COFFMAN_EXPORT int pthread_rwlock_destroy(pthread_rwlock_t *l)
{
    if (coffman_active && !coffman_busy) {
        coffman_busy++;
        coffman_lock_forget(l);
        coffman_busy--;
    }
    return REAL(rwlock_destroy)(l);
}

/* Spinlocks: no timed variant, so a contended spin captures its stack at
 * once (spinlocks are rarely contended for long in working programs). */
COFFMAN_EXPORT int pthread_spin_lock(pthread_spinlock_t *s)
{
    coffman_thread *t = coffman_lock_thread();
    if (!t)
        return REAL(spin_lock)(s);
    coffman_acq a;
    uintptr_t pc = COFFMAN_CALLER_PC();
    coffman_before_lock(&a, t, (const void *)s, COFFMAN_OBJ_SPIN, true, pc, COFFMAN_RELOCK_HANGS,
                        "pthread_spin_lock");
    int r = coffman_real.spin_trylock(s);
    if (r == EBUSY) {
        coffman_thread_block_fast(t, COFFMAN_WAIT_SPIN, (const void *)s, pc, false);
        coffman_thread_wait_stack_now(t);
        r = coffman_real.spin_lock(s);
        coffman_thread_unblock(t);
    }
    if (r == 0)
        coffman_after_lock(&a, false);
    return r;
}

COFFMAN_EXPORT int pthread_spin_trylock(pthread_spinlock_t *s)
{
    int r = REAL(spin_trylock)(s);
    coffman_thread *t = r == 0 ? coffman_lock_thread() : NULL;
    if (t) {
        coffman_acq a;
        coffman_prepare_try(&a, t, (const void *)s, COFFMAN_OBJ_SPIN, true, COFFMAN_CALLER_PC());
        coffman_after_lock(&a, true);
    }
    return r;
}

COFFMAN_EXPORT int pthread_spin_unlock(pthread_spinlock_t *s)
{
    coffman_thread *t = coffman_lock_thread();
    if (t)
        coffman_on_unlock(t, (const void *)s);
    return REAL(spin_unlock)(s);
}

COFFMAN_EXPORT int pthread_spin_init(pthread_spinlock_t *s, int pshared)
{
    int r = REAL(spin_init)(s, pshared);
    if (r == 0 && coffman_active && !coffman_busy) {
        coffman_busy++;
        coffman_lock_forget((const void *)s);
        coffman_busy--;
    }
    return r;
}

COFFMAN_EXPORT int pthread_spin_destroy(pthread_spinlock_t *s)
{
    if (coffman_active && !coffman_busy) {
        coffman_busy++;
        coffman_lock_forget((const void *)s);
        coffman_busy--;
    }
    return REAL(spin_destroy)(s);
}
