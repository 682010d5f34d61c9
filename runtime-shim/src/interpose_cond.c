/* pthread_cond_* interposers.  A wait releases its mutex (it leaves the
 * held stack) and takes it back before returning. */
#define _GNU_SOURCE
#include "lock_events.h"
#include "site_stacks.h"
#include "wait_helpers.h"

typedef struct { long index; coffman_held saved; } released;

static released release_mutex(coffman_thread *t, const void *m)
{
    released r = {coffman_held_find(&t->held, (uintptr_t)m), {0}};
    if (r.index >= 0) {
        r.saved = t->held.items[r.index];
        coffman_held_remove(&t->held, (size_t)r.index);
    }
    return r;
}

static void retake_mutex(coffman_thread *t, const released *r)
{
    if (r->index >= 0)
        coffman_held_push(&t->held, &r->saved);
}

/* Shared with the C11 cnd_* interposers.  The wait's stack is unwound
 * once per call site (site_stacks.h): the unwind would otherwise run on
 * every wait with the mutex held. */
void coffman_cond_wait_begin(coffman_thread *t, const void *c, const void *m, bool timed, long *index,
                             coffman_held *saved, uintptr_t pc, uintptr_t sp)
{
    released r = release_mutex(t, m);
    *index = r.index;
    *saved = r.saved;
    coffman_thread_block_with(t, COFFMAN_WAIT_COND, c, m, timed, pc, coffman_site_stack(t, pc, sp));
}

void coffman_cond_wait_end(coffman_thread *t, long index, const coffman_held *saved)
{
    coffman_thread_unblock(t);
    released r = {index, *saved};
    retake_mutex(t, &r);
}

void coffman_cond_signalled(const void *c)
{
    coffman_busy++;
    coffman_lock_info *i = coffman_lock_info_of(coffman_lock_id(c, COFFMAN_OBJ_COND, 0));
    if (i)
        atomic_store_explicit(&i->signals, atomic_load_explicit(&i->signals, memory_order_relaxed) + 1,
                              memory_order_relaxed);
    coffman_busy--;
}

COFFMAN_EXPORT int pthread_cond_wait(pthread_cond_t *c, pthread_mutex_t *m)
{
    coffman_thread *t = coffman_lock_thread();
    if (!t)
        return REAL(cond_wait)(c, m);
    long index;
    coffman_held saved;
    coffman_cond_wait_begin(t, c, m, false, &index, &saved, COFFMAN_CALLER_PC(), (uintptr_t)__builtin_frame_address(0));
    int r = coffman_real.cond_wait(c, m);
    coffman_cond_wait_end(t, index, &saved);
    return r;
}

COFFMAN_EXPORT int pthread_cond_timedwait(pthread_cond_t *c, pthread_mutex_t *m, const struct timespec *abs)
{
    coffman_thread *t = coffman_lock_thread();
    if (!t)
        return REAL(cond_timedwait)(c, m, abs);
    long index;
    coffman_held saved;
    coffman_cond_wait_begin(t, c, m, true, &index, &saved, COFFMAN_CALLER_PC(), (uintptr_t)__builtin_frame_address(0));
    int r = coffman_real.cond_timedwait(c, m, abs);
    coffman_cond_wait_end(t, index, &saved);
    return r;
}

COFFMAN_EXPORT int pthread_cond_clockwait(pthread_cond_t *c, pthread_mutex_t *m, clockid_t clock,
                                          const struct timespec *abs)
{
    coffman_thread *t = coffman_lock_thread();
    if (!t)
        return REAL(cond_clockwait)(c, m, clock, abs);
    long index;
    coffman_held saved;
    coffman_cond_wait_begin(t, c, m, true, &index, &saved, COFFMAN_CALLER_PC(), (uintptr_t)__builtin_frame_address(0));
    int r = coffman_real.cond_clockwait(c, m, clock, abs);
    coffman_cond_wait_end(t, index, &saved);
    return r;
}

COFFMAN_EXPORT int pthread_cond_signal(pthread_cond_t *c)
{
    if (coffman_lock_thread())
        coffman_cond_signalled(c);
    return REAL(cond_signal)(c);
}

COFFMAN_EXPORT int pthread_cond_broadcast(pthread_cond_t *c)
{
    if (coffman_lock_thread())
        coffman_cond_signalled(c);
    return REAL(cond_broadcast)(c);
}

COFFMAN_EXPORT int pthread_cond_init(pthread_cond_t *c, const pthread_condattr_t *attr)
{
    if (coffman_active && !coffman_busy) {
        coffman_busy++;
        coffman_lock_forget(c);
        coffman_busy--;
    }
    return REAL(cond_init)(c, attr);
}

COFFMAN_EXPORT int pthread_cond_destroy(pthread_cond_t *c)
{
    if (coffman_active && !coffman_busy) {
        coffman_busy++;
        coffman_lock_forget(c);
        coffman_busy--;
    }
    return REAL(cond_destroy)(c);
}
