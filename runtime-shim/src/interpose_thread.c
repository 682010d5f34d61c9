/* pthread_create/join/detach/exit and thrd_*: thread records, creation
 * stacks, joins as waits, and the end of a thread (lock-leak check). */
#define _GNU_SOURCE
#include "lock_events.h"
#include "report_emit.h"
#include "stack_capture.h"
#include "wait_helpers.h"


static pthread_key_t end_key;
static bool end_key_ok;

/* Runs after the thread's cleanup handlers, from its TSD destructors, so
 * locks released by cleanup handlers are not reported as leaked. */
static void thread_end(void *p)
{
    coffman_thread *t = p;
    if (!t || coffman_thread_self_peek() != t)
        return;
    if (t->held.len && !t->is_main)
        coffman_report_lock_leak(t);
    coffman_registry_thread_finished(t);
}

void coffman_thread_hooks_init(void)
{
    end_key_ok = pthread_key_create(&end_key, thread_end) == 0;
}

void coffman_thread_mark_start(coffman_thread *t)
{
    coffman_thread_set_self(t);
    if (end_key_ok)
        pthread_setspecific(end_key, t);
}

/* The new thread's record carries its routine and argument, so starting
 * a thread allocates nothing (a free() in the new thread would make glibc
 * set up a malloc arena for it, which costs more than the thread). */
static void *trampoline(void *p)
{
    coffman_thread *rec = p;
    coffman_thread_mark_start(rec);
    rec->start_sp = (uintptr_t)__builtin_frame_address(0);
    if (rec->c11_start)
        return (void *)(intptr_t)rec->c11_start(rec->start_arg);
    return rec->start_routine(rec->start_arg);
}

static int c11_trampoline(void *p)
{
    return (int)(intptr_t)trampoline(p);
}

static coffman_thread *prepare(void *(*fn)(void *), thrd_start_t c11_fn, void *arg, bool detached)
{
    coffman_thread *self = coffman_thread_self();
    coffman_thread *rec = coffman_registry_new_thread();
    if (!rec)
        return NULL;
    coffman_busy++;
    rec->start_routine = fn ? fn : (void *(*)(void *))(void *)c11_fn;
    rec->c11_start = c11_fn;
    rec->start_arg = arg;
    rec->creator_serial = self ? self->serial : 0;
    rec->create_stack = coffman_capture_stack_id(0);
    atomic_store(&rec->detached, detached);
    coffman_busy--;
    coffman_monitor_ensure();
    return rec;
}

static void abandon(coffman_thread *rec)
{
    coffman_registry_thread_finished(rec);
    coffman_registry_release(rec);
}

COFFMAN_EXPORT int pthread_create(pthread_t *th, const pthread_attr_t *attr, void *(*fn)(void *), void *arg)
{
    if (!coffman_active || coffman_busy)
        return REAL(create)(th, attr, fn, arg);
    int ds = PTHREAD_CREATE_JOINABLE;
    if (attr)
        pthread_attr_getdetachstate(attr, &ds);
    coffman_thread *rec = prepare(fn, NULL, arg, ds == PTHREAD_CREATE_DETACHED);
    if (!rec)
        return coffman_real.create(th, attr, fn, arg);
    uint32_t serial = rec->serial;
    int r = coffman_real.create(th, attr, trampoline, rec);
    if (r)
        abandon(rec);
    else
        coffman_registry_set_handle(rec, serial, *th);
    return r;
}

COFFMAN_EXPORT int thrd_create(thrd_t *th, thrd_start_t fn, void *arg)
{
    if (!coffman_active || coffman_busy)
        return REAL(thrd_create)(th, fn, arg);
    coffman_thread *rec = prepare(NULL, fn, arg, false);
    if (!rec)
        return coffman_real.thrd_create(th, fn, arg);
    uint32_t serial = rec->serial;
    int r = coffman_real.thrd_create(th, c11_trampoline, rec);
    if (r != thrd_success)
        abandon(rec);
    else
        coffman_registry_set_handle(rec, serial, (pthread_t)*th);
    return r;
}

/* A join is a wait on the joined thread; a successful one frees its record. */
static int join(pthread_t th, void **ret, const struct timespec *abs, bool try_only)
{
    coffman_thread *t = coffman_lock_thread();
    if (!t)
        return try_only ? REAL(tryjoin)(th, ret) : abs ? REAL(timedjoin)(th, ret, abs) : REAL(join)(th, ret);
    coffman_thread *target = coffman_registry_find(th);
    int r;
    if (try_only) {
        r = coffman_real.tryjoin(th, ret);
    } else {
        coffman_thread_block_fast(t, COFFMAN_WAIT_JOIN, target, COFFMAN_CALLER_PC(), abs != NULL);
        if (abs) {
            r = coffman_real.timedjoin(th, ret, abs);
        } else {
            struct timespec ts = coffman_deadline(CLOCK_REALTIME, COFFMAN_QUICK_WAIT_MS);
            r = coffman_real.timedjoin(th, ret, &ts);
            if (r == ETIMEDOUT) {
                coffman_thread_wait_stack_now(t);
                r = coffman_real.join(th, ret);
            }
        }
        coffman_thread_unblock(t);
    }
    if (r == 0 && target) {
        coffman_registry_joined(target, t->serial);
        coffman_registry_release(target);
    }
    return r;
}

COFFMAN_EXPORT int pthread_join(pthread_t th, void **ret)
{
    return join(th, ret, NULL, false);
}

COFFMAN_EXPORT int pthread_timedjoin_np(pthread_t th, void **ret, const struct timespec *abs)
{
    return join(th, ret, abs, false);
}

COFFMAN_EXPORT int pthread_tryjoin_np(pthread_t th, void **ret)
{
    return join(th, ret, NULL, true);
}

COFFMAN_EXPORT int thrd_join(thrd_t th, int *res)
{
    void *ret = NULL;
    int r = join((pthread_t)th, &ret, NULL, false);
    if (r == 0 && res)
        *res = (int)(intptr_t)ret;
    return r == 0 ? thrd_success : thrd_error;
}

static void detach(pthread_t th)
{
    if (!coffman_active)
        return;
    coffman_thread *target = coffman_registry_find(th);
    if (!target)
        return;
    atomic_store(&target->detached, true);
    if (atomic_load(&target->state) == COFFMAN_THREAD_FINISHED && target->held.len == 0)
        coffman_registry_release(target);
}

COFFMAN_EXPORT int pthread_detach(pthread_t th)
{
    int r = REAL(detach)(th);
    if (r == 0)
        detach(th);
    return r;
}

COFFMAN_EXPORT int thrd_detach(thrd_t th)
{
    int r = REAL(thrd_detach)(th);
    if (r == thrd_success)
        detach((pthread_t)th);
    return r;
}

/* The main thread has no TSD destructor of ours: mark it here, so a
 * program that ends main with pthread_exit is not "main still running". */
extern atomic_bool coffman_main_exited;

static void main_exits(void)
{
    coffman_thread *t = coffman_active ? coffman_thread_self_peek() : NULL;
    if (t && t->is_main) {
        atomic_store(&coffman_main_exited, true);
        coffman_registry_thread_finished(t);
    }
}

COFFMAN_EXPORT void pthread_exit(void *ret)
{
    main_exits();
    REAL(exit)(ret);
}

COFFMAN_EXPORT _Noreturn void thrd_exit(int res)
{
    main_exits();
    REAL(thrd_exit)(res);
}
