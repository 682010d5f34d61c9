/* Start-up state shared by the interposers: the real functions, the
 * re-entrancy guard, and lifecycle hooks. */
#ifndef COFFMAN_SHIM_H
#define COFFMAN_SHIM_H

#define _GNU_SOURCE
#include <pthread.h>
#include <semaphore.h>
#include <stdbool.h>
#include <threads.h>
#include <time.h>

#define COFFMAN_TLS __attribute__((tls_model("initial-exec")))
#define COFFMAN_LIKELY(x) __builtin_expect(!!(x), 1)
#define COFFMAN_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define COFFMAN_CALLER_PC() ((uintptr_t)__builtin_return_address(0))
#define COFFMAN_EXPORT __attribute__((visibility("default")))

/* The shim's thread-local state, in one block so that the interposers'
 * fast path finds both fields with one TLS offset. */
typedef struct coffman_tls_block {
    struct coffman_thread *self;   /* thread_registry.h: coffman_tls_self */
    /* >0 while the thread runs shim code (or is the monitor): interposed
     * calls made then go straight to the real function. */
    int busy;
} coffman_tls_block;
extern __thread coffman_tls_block coffman_tls COFFMAN_TLS;
#define coffman_busy (coffman_tls.busy)

typedef struct coffman_real_fns {
    int (*mutex_init)(pthread_mutex_t *, const pthread_mutexattr_t *);
    int (*mutex_destroy)(pthread_mutex_t *);
    int (*mutex_lock)(pthread_mutex_t *);
    int (*mutex_trylock)(pthread_mutex_t *);
    int (*mutex_timedlock)(pthread_mutex_t *, const struct timespec *);
    int (*mutex_clocklock)(pthread_mutex_t *, clockid_t, const struct timespec *);
    int (*mutex_unlock)(pthread_mutex_t *);
    int (*rwlock_init)(pthread_rwlock_t *, const pthread_rwlockattr_t *);
    int (*rwlock_destroy)(pthread_rwlock_t *);
    int (*rwlock_rdlock)(pthread_rwlock_t *);
    int (*rwlock_tryrdlock)(pthread_rwlock_t *);
    int (*rwlock_timedrdlock)(pthread_rwlock_t *, const struct timespec *);
    int (*rwlock_wrlock)(pthread_rwlock_t *);
    int (*rwlock_trywrlock)(pthread_rwlock_t *);
    int (*rwlock_timedwrlock)(pthread_rwlock_t *, const struct timespec *);
    int (*rwlock_unlock)(pthread_rwlock_t *);
    int (*spin_init)(pthread_spinlock_t *, int);
    int (*spin_destroy)(pthread_spinlock_t *);
    int (*spin_lock)(pthread_spinlock_t *);
    int (*spin_trylock)(pthread_spinlock_t *);
    int (*spin_unlock)(pthread_spinlock_t *);
    int (*cond_init)(pthread_cond_t *, const pthread_condattr_t *);
    int (*cond_destroy)(pthread_cond_t *);
    int (*cond_wait)(pthread_cond_t *, pthread_mutex_t *);
    int (*cond_timedwait)(pthread_cond_t *, pthread_mutex_t *, const struct timespec *);
    int (*cond_clockwait)(pthread_cond_t *, pthread_mutex_t *, clockid_t, const struct timespec *);
    int (*cond_signal)(pthread_cond_t *);
    int (*cond_broadcast)(pthread_cond_t *);
    int (*create)(pthread_t *, const pthread_attr_t *, void *(*)(void *), void *);
    int (*join)(pthread_t, void **);
    int (*timedjoin)(pthread_t, void **, const struct timespec *);
    int (*tryjoin)(pthread_t, void **);
    int (*detach)(pthread_t);
    void (*exit)(void *) __attribute__((noreturn));
    int (*barrier_wait)(pthread_barrier_t *);
    int (*sem_wait)(sem_t *);
    int (*sem_timedwait)(sem_t *, const struct timespec *);
    int (*sem_post)(sem_t *);
    int (*mtx_init)(mtx_t *, int);
    void (*mtx_destroy)(mtx_t *);
    int (*mtx_lock)(mtx_t *);
    int (*mtx_trylock)(mtx_t *);
    int (*mtx_timedlock)(mtx_t *__restrict, const struct timespec *__restrict);
    int (*mtx_unlock)(mtx_t *);
    int (*cnd_init)(cnd_t *);
    void (*cnd_destroy)(cnd_t *);
    int (*cnd_wait)(cnd_t *, mtx_t *);
    int (*cnd_timedwait)(cnd_t *__restrict, mtx_t *__restrict, const struct timespec *__restrict);
    int (*cnd_signal)(cnd_t *);
    int (*cnd_broadcast)(cnd_t *);
    int (*thrd_create)(thrd_t *, thrd_start_t, void *);
    int (*thrd_join)(thrd_t, int *);
    int (*thrd_detach)(thrd_t);
    void (*thrd_exit)(int) __attribute__((noreturn));
    void (*free)(void *);
    size_t (*malloc_usable_size)(void *);
} coffman_real_fns;

extern coffman_real_fns coffman_real;
/* 0 before start-up finished; analysis is off until then. */
extern volatile int coffman_active;

/* Resolves the real functions (idempotent, re-entrancy safe). */
void coffman_resolve(void);
#define REAL(fn) (COFFMAN_UNLIKELY(!coffman_real.fn) ? coffman_resolve() : (void)0, coffman_real.fn)

/* Exit hooks (issue 4's leak report): run, in order of registration, when
 * the process exits normally, before the exit status is decided. */
typedef void (*coffman_exit_fn)(int status);
bool coffman_at_exit(coffman_exit_fn fn);

#endif
