// Robustness: mutexes live in an mmap'ed region that is unmapped without
// pthread_mutex_destroy (an arena torn down whole).  The next mapping at
// the same address holds different mutexes, taken in the other order:
// they are new locks, not the old ones, so there is no inversion.  The
// shim must forget locks in unmapped memory as it does for free().
// coffman-runtime: expect=clean output=same options=report_single_thread=1
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <sys/mman.h>

typedef struct {
    pthread_mutex_t first, second;
} arena;

static arena *map_arena(void) {
    void *p = mmap(NULL, 1 << 16, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return NULL;
    /* Zeroed memory is a default mutex (PTHREAD_MUTEX_INITIALIZER is all
     * zeros): no init call tells the shim these are new locks. */
    return p;
}

static void lock_in_order(pthread_mutex_t *outer, pthread_mutex_t *inner) {
    pthread_mutex_lock(outer);
    pthread_mutex_lock(inner);
    pthread_mutex_unlock(inner);
    pthread_mutex_unlock(outer);
}

int main(void) {
    arena *old = map_arena();
    if (!old)
        return 1;
    lock_in_order(&old->first, &old->second);
    munmap(old, 1 << 16);
    arena *fresh = map_arena();
    if (!fresh)
        return 1;
    printf("new arena %s the old address\n", fresh == old ? "at" : "not at");
    lock_in_order(&fresh->second, &fresh->first);
    munmap(fresh, 1 << 16);
    return 0;
}
