/* Barriers and semaphores: waits that only another thread can end. */
#define _GNU_SOURCE
#include "lock_events.h"

COFFMAN_EXPORT int pthread_barrier_wait(pthread_barrier_t *b)
{
    coffman_thread *t = coffman_lock_thread();
    if (!t)
        return REAL(barrier_wait)(b);
    coffman_thread_block(t, COFFMAN_WAIT_BARRIER, b, NULL, false);
    int r = coffman_real.barrier_wait(b);
    coffman_thread_unblock(t);
    return r;
}

COFFMAN_EXPORT int sem_wait(sem_t *s)
{
    coffman_thread *t = coffman_lock_thread();
    if (!t)
        return REAL(sem_wait)(s);
    if (sem_trywait(s) == 0) {
        coffman_thread_progress(t);
        return 0;
    }
    coffman_thread_block(t, COFFMAN_WAIT_SEM, s, NULL, false);
    int r = coffman_real.sem_wait(s);
    coffman_thread_unblock(t);
    return r;
}

COFFMAN_EXPORT int sem_timedwait(sem_t *s, const struct timespec *abs)
{
    coffman_thread *t = coffman_lock_thread();
    if (!t)
        return REAL(sem_timedwait)(s, abs);
    coffman_thread_block_fast(t, COFFMAN_WAIT_SEM, s, COFFMAN_CALLER_PC(), true);
    int r = coffman_real.sem_timedwait(s, abs);
    coffman_thread_unblock(t);
    return r;
}

COFFMAN_EXPORT int sem_post(sem_t *s)
{
    coffman_thread *t = coffman_lock_thread();
    if (t)
        coffman_thread_progress(t);
    return REAL(sem_post)(s);
}
