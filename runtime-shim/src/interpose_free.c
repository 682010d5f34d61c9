/* free(): a mutex whose memory is freed without pthread_mutex_destroy
 * must leave the graph too, or the next object at that address inherits
 * its edges (Helgrind's classic false cycle).  The page-bucket filter of
 * lock_table.h keeps this to a few instructions for blocks with no tracked
 * lock.  The real free is found with its own guard: dlsym may itself free. */
#define _GNU_SOURCE
#include "lock_table.h"
#include "shim.h"

#include <dlfcn.h>

static volatile int resolving;

static void (*real_free(void))(void *)
{
    void (*f)(void *) = coffman_real.free;
    if (COFFMAN_LIKELY(f))
        return f;
    if (resolving)
        return NULL;
    resolving = 1;
    f = (void (*)(void *))dlsym(RTLD_NEXT, "free");
    coffman_real.malloc_usable_size = (size_t(*)(void *))dlsym(RTLD_NEXT, "malloc_usable_size");
    coffman_real.free = f;
    resolving = 0;
    return f;
}

/* The freed block may hold tracked locks: they leave the table. */
__attribute__((noinline)) static void free_general(void *p)
{
    void (*f)(void *) = real_free();
    if (!p || !f)
        return;   /* only during start-up: a leaked dlerror buffer at worst */
    if (coffman_active && coffman_real.malloc_usable_size && !coffman_busy) {
        size_t n = coffman_real.malloc_usable_size(p);
        if (n && coffman_lock_maybe_in_range(p, n)) {
            coffman_busy++;
            coffman_lock_forget_range(p, n);
            coffman_busy--;
        }
    }
    f(p);
}

/* A program with no tracked lock pays one load and a tail call. */
COFFMAN_EXPORT void free(void *p)
{
    void (*f)(void *) = coffman_real.free;
    if (COFFMAN_LIKELY(f && p && !atomic_load_explicit(&coffman_locks_live, memory_order_relaxed)))
        return f(p);
    free_general(p);
}
