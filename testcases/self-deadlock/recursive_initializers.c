// Trap: recursive locks by static initializer (glibc's
// PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP) and C11's mtx_recursive.
// coffman-runtime: expect=clean
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <threads.h>

static pthread_mutex_t registry_mu = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;
static mtx_t pool_mu;
static int registered, pooled;

static void registry_add(void) {
    pthread_mutex_lock(&registry_mu);
    registered++;
    pthread_mutex_unlock(&registry_mu);
}

static void registry_add_two(void) {
    pthread_mutex_lock(&registry_mu);
    registry_add();
    registry_add();
    pthread_mutex_unlock(&registry_mu);
}

static void pool_put(void) {
    mtx_lock(&pool_mu);
    pooled++;
    mtx_unlock(&pool_mu);
}

static int filler(void *arg) {
    (void)arg;
    mtx_lock(&pool_mu);
    pool_put();
    mtx_unlock(&pool_mu);
    registry_add_two();
    return 0;
}

int main(void) {
    if (mtx_init(&pool_mu, mtx_plain | mtx_recursive) != thrd_success)
        return 1;
    thrd_t t;
    if (thrd_create(&t, filler, NULL) != thrd_success)
        return 1;
    thrd_join(t, NULL);
    printf("%d %d\n", registered, pooled);
    mtx_destroy(&pool_mu);
    return 0;
}
