// Trap: the lock is taken and released under the same unchanged flag, and
// a trylock that fails returns without holding anything.
// coffman-runtime: expect=clean
#define _GNU_SOURCE
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static long total;

static void add(long v, bool shared) {
    if (shared)
        pthread_mutex_lock(&mu);
    total += v;
    if (shared)
        pthread_mutex_unlock(&mu);
}

static int try_add(long v) {
    if (pthread_mutex_trylock(&mu) != 0)
        return -1;
    total += v;
    pthread_mutex_unlock(&mu);
    return 0;
}

static void *adder(void *arg) {
    (void)arg;
    for (int i = 0; i < 100; i++)
        add(i, true);
    while (try_add(1) != 0)
        ;
    return NULL;
}

int main(void) {
    add(1, false);
    pthread_t t;
    if (pthread_create(&t, NULL, adder, NULL) != 0)
        return 1;
    pthread_join(t, NULL);
    printf("total %ld\n", total);
    return 0;
}
