/* The shim's global state: the real functions (found with dlsym/dlvsym,
 * guarded against re-entry: dlsym may allocate and free), the
 * re-entrancy counter, and the exit hooks. */
#define _GNU_SOURCE
#include "shim.h"

#include <dlfcn.h>
#include <stddef.h>

__thread coffman_tls_block coffman_tls COFFMAN_TLS;
coffman_real_fns coffman_real;
volatile int coffman_active;


static void *next(const char *name)
{
    return dlsym(RTLD_NEXT, name);
}

/* pthread_cond_* exist in two versions; the program uses GLIBC_2.3.2. */
static void *next_cond(const char *name)
{
    void *p = dlvsym(RTLD_NEXT, name, "GLIBC_2.3.2");
    return p ? p : next(name);
}

static volatile int resolving;

void coffman_resolve(void)
{
    if (resolving || coffman_real.mutex_lock)
        return;
    resolving = 1;
    coffman_real_fns r = {0};
#define N(field, name) r.field = (__typeof__(r.field))next(name)
#define C(field, name) r.field = (__typeof__(r.field))next_cond(name)
    N(mutex_init, "pthread_mutex_init"); N(mutex_destroy, "pthread_mutex_destroy");
    N(mutex_trylock, "pthread_mutex_trylock"); N(mutex_timedlock, "pthread_mutex_timedlock");
    N(mutex_clocklock, "pthread_mutex_clocklock"); N(mutex_unlock, "pthread_mutex_unlock");
    N(rwlock_init, "pthread_rwlock_init"); N(rwlock_destroy, "pthread_rwlock_destroy");
    N(rwlock_rdlock, "pthread_rwlock_rdlock"); N(rwlock_tryrdlock, "pthread_rwlock_tryrdlock");
    N(rwlock_timedrdlock, "pthread_rwlock_timedrdlock"); N(rwlock_wrlock, "pthread_rwlock_wrlock");
    N(rwlock_trywrlock, "pthread_rwlock_trywrlock"); N(rwlock_timedwrlock, "pthread_rwlock_timedwrlock");
    N(rwlock_unlock, "pthread_rwlock_unlock");
    N(spin_init, "pthread_spin_init"); N(spin_destroy, "pthread_spin_destroy");
    N(spin_lock, "pthread_spin_lock"); N(spin_trylock, "pthread_spin_trylock");
    N(spin_unlock, "pthread_spin_unlock");
    C(cond_init, "pthread_cond_init"); C(cond_destroy, "pthread_cond_destroy");
    C(cond_wait, "pthread_cond_wait"); C(cond_timedwait, "pthread_cond_timedwait");
    N(cond_clockwait, "pthread_cond_clockwait");
    C(cond_signal, "pthread_cond_signal"); C(cond_broadcast, "pthread_cond_broadcast");
    N(create, "pthread_create"); N(join, "pthread_join"); N(timedjoin, "pthread_timedjoin_np");
    N(tryjoin, "pthread_tryjoin_np"); N(detach, "pthread_detach"); N(exit, "pthread_exit");
    N(barrier_wait, "pthread_barrier_wait"); N(sem_wait, "sem_wait");
    N(sem_timedwait, "sem_timedwait"); N(sem_post, "sem_post");
    N(mtx_init, "mtx_init"); N(mtx_destroy, "mtx_destroy"); N(mtx_lock, "mtx_lock");
    N(mtx_trylock, "mtx_trylock"); N(mtx_timedlock, "mtx_timedlock"); N(mtx_unlock, "mtx_unlock");
    N(cnd_init, "cnd_init"); N(cnd_destroy, "cnd_destroy"); N(cnd_wait, "cnd_wait");
    N(cnd_timedwait, "cnd_timedwait"); N(cnd_signal, "cnd_signal"); N(cnd_broadcast, "cnd_broadcast");
    N(thrd_create, "thrd_create"); N(thrd_join, "thrd_join"); N(thrd_detach, "thrd_detach");
    N(thrd_exit, "thrd_exit");
#undef N
#undef C
    r.free = coffman_real.free;
    r.malloc_usable_size = coffman_real.malloc_usable_size;
    /* mutex_lock last: it is the "resolved" flag other threads test. */
    void *lock = next("pthread_mutex_lock");
    coffman_real = r;
    __atomic_store_n(&coffman_real.mutex_lock, (int (*)(pthread_mutex_t *))lock, __ATOMIC_RELEASE);
    resolving = 0;
}

enum { MAX_EXIT_HOOKS = 8 };
static coffman_exit_fn exit_hooks[MAX_EXIT_HOOKS];
static size_t nexit_hooks;

bool coffman_at_exit(coffman_exit_fn fn)
{
    if (nexit_hooks == MAX_EXIT_HOOKS)
        return false;
    exit_hooks[nexit_hooks++] = fn;
    return true;
}

void coffman_run_exit_hooks(int status)
{
    for (size_t i = 0; i < nexit_hooks; i++)
        exit_hooks[i](status);
}
