/* C11 <threads.h>: glibc implements mtx_*, cnd_* and thrd_* on its
 * internal pthread functions, not through the exported symbols, so they
 * are interposed here on their own.  An mtx_t is a pthread_mutex_t
 * inside (glibc), which is how its kind is read. */
#define _GNU_SOURCE
#include "lock_events.h"
#include "lock_fast.h"
#include "wait_helpers.h"

static coffman_relock mtx_relock(mtx_t *m)
{
    return coffman_mutex_relock((const pthread_mutex_t *)(void *)m);
}

__attribute__((noinline)) static int mtx_lock_general(mtx_t *m, uintptr_t pc)
{
    coffman_thread *t = coffman_lock_thread();
    if (!t)
        return REAL(mtx_lock)(m);
    pthread_mutex_t *pm = (pthread_mutex_t *)(void *)m;
    if (coffman_mutex_plain(pm) && coffman_mutex_looks_free(pm) &&
        coffman_known_acquire(t, m, COFFMAN_OBJ_C11_MUTEX, true, pc))
        return coffman_real.mtx_lock(m);
    coffman_acq a;
    coffman_before_lock(&a, t, m, COFFMAN_OBJ_C11_MUTEX, true, pc, mtx_relock(m), "mtx_lock");
    int r = coffman_real.mtx_trylock(m);
    if (r == thrd_busy) {
        coffman_thread_block_fast(t, COFFMAN_WAIT_MUTEX, m, pc, false);
        coffman_thread_wait_stack_now(t);
        r = coffman_real.mtx_lock(m);
        coffman_thread_unblock(t);
    }
    if (r == thrd_success)
        coffman_after_lock(&a, false);
    return r;
}

COFFMAN_EXPORT int mtx_lock(mtx_t *m)
{
    uintptr_t pc = COFFMAN_CALLER_PC();
    pthread_mutex_t *pm = (pthread_mutex_t *)(void *)m;
    coffman_thread *t = coffman_fast_thread();
    if (COFFMAN_LIKELY(t && coffman_mutex_plain(pm) && coffman_mutex_looks_free(pm) &&
                       coffman_fast_acquire(t, m, COFFMAN_OBJ_C11_MUTEX, true, pc)))
        return coffman_real.mtx_lock(m);
    return mtx_lock_general(m, pc);
}

COFFMAN_EXPORT int mtx_timedlock(mtx_t *__restrict m, const struct timespec *__restrict abs)
{
    coffman_thread *t = coffman_lock_thread();
    if (!t)
        return REAL(mtx_timedlock)(m, abs);
    coffman_acq a;
    uintptr_t pc = COFFMAN_CALLER_PC();
    coffman_acq_init(&a, t, m, COFFMAN_OBJ_C11_MUTEX, true, pc);   /* timed: no order edge */
    int r = coffman_real.mtx_trylock(m);
    if (r == thrd_busy) {
        coffman_thread_block_fast(t, COFFMAN_WAIT_MUTEX, m, pc, true);
        r = coffman_real.mtx_timedlock(m, abs);
        coffman_thread_unblock(t);
    }
    if (r == thrd_success)
        coffman_after_lock(&a, false);
    return r;
}

COFFMAN_EXPORT int mtx_trylock(mtx_t *m)
{
    int r = REAL(mtx_trylock)(m);
    coffman_thread *t = r == thrd_success ? coffman_lock_thread() : NULL;
    if (t) {
        coffman_acq a;
        coffman_prepare_try(&a, t, m, COFFMAN_OBJ_C11_MUTEX, true, COFFMAN_CALLER_PC());
        coffman_after_lock(&a, true);
    }
    return r;
}

__attribute__((noinline)) static int mtx_unlock_general(mtx_t *m)
{
    coffman_thread *t = coffman_lock_thread();
    if (t)
        coffman_on_unlock(t, m);
    return REAL(mtx_unlock)(m);
}

COFFMAN_EXPORT int mtx_unlock(mtx_t *m)
{
    coffman_thread *t = coffman_fast_thread();
    if (COFFMAN_LIKELY(t && coffman_fast_release(t, m)))
        return coffman_real.mtx_unlock(m);
    return mtx_unlock_general(m);
}

COFFMAN_EXPORT int mtx_init(mtx_t *m, int type)
{
    int r = REAL(mtx_init)(m, type);
    if (r == thrd_success && coffman_active && !coffman_busy) {
        coffman_busy++;
        coffman_lock_forget(m);
        coffman_lock_id(m, COFFMAN_OBJ_C11_MUTEX, COFFMAN_CALLER_PC());
        coffman_busy--;
    }
    return r;
}

COFFMAN_EXPORT void mtx_destroy(mtx_t *m)
{
    if (coffman_active && !coffman_busy) {
        coffman_busy++;
        coffman_lock_forget(m);
        coffman_busy--;
    }
    REAL(mtx_destroy)(m);
}

COFFMAN_EXPORT int cnd_wait(cnd_t *c, mtx_t *m)
{
    coffman_thread *t = coffman_lock_thread();
    if (!t)
        return REAL(cnd_wait)(c, m);
    long index;
    coffman_held saved;
    coffman_cond_wait_begin(t, c, m, false, &index, &saved, COFFMAN_CALLER_PC(), (uintptr_t)__builtin_frame_address(0));
    int r = coffman_real.cnd_wait(c, m);
    coffman_cond_wait_end(t, index, &saved);
    return r;
}

COFFMAN_EXPORT int cnd_timedwait(cnd_t *__restrict c, mtx_t *__restrict m, const struct timespec *__restrict abs)
{
    coffman_thread *t = coffman_lock_thread();
    if (!t)
        return REAL(cnd_timedwait)(c, m, abs);
    long index;
    coffman_held saved;
    coffman_cond_wait_begin(t, c, m, true, &index, &saved, COFFMAN_CALLER_PC(), (uintptr_t)__builtin_frame_address(0));
    int r = coffman_real.cnd_timedwait(c, m, abs);
    coffman_cond_wait_end(t, index, &saved);
    return r;
}

COFFMAN_EXPORT int cnd_signal(cnd_t *c)
{
    if (coffman_lock_thread())
        coffman_cond_signalled(c);
    return REAL(cnd_signal)(c);
}

COFFMAN_EXPORT int cnd_broadcast(cnd_t *c)
{
    if (coffman_lock_thread())
        coffman_cond_signalled(c);
    return REAL(cnd_broadcast)(c);
}

COFFMAN_EXPORT int cnd_init(cnd_t *c)
{
    if (coffman_active && !coffman_busy) {
        coffman_busy++;
        coffman_lock_forget(c);
        coffman_busy--;
    }
    return REAL(cnd_init)(c);
}

COFFMAN_EXPORT void cnd_destroy(cnd_t *c)
{
    if (coffman_active && !coffman_busy) {
        coffman_busy++;
        coffman_lock_forget(c);
        coffman_busy--;
    }
    REAL(cnd_destroy)(c);
}
