// A cache refresher naps while holding the cache lock: every reader stalls
// for the whole nap.
// coffman-runtime: expect=clean args=5
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static pthread_mutex_t cache_mu = PTHREAD_MUTEX_INITIALIZER;
static int cache_gen;
static int nap_ms;

static void *refresher(void *arg) {
    (void)arg;
    pthread_mutex_lock(&cache_mu);
    cache_gen++;
    usleep(nap_ms * 1000); // coffman-expect: blocking-while-locked
    pthread_mutex_unlock(&cache_mu);
    return NULL;
}

int main(int argc, char **argv) {
    nap_ms = argc > 1 ? atoi(argv[1]) : 5;
    pthread_t t;
    if (pthread_create(&t, NULL, refresher, NULL) != 0)
        return 1;
    pthread_mutex_lock(&cache_mu);
    printf("gen %d\n", cache_gen);
    pthread_mutex_unlock(&cache_mu);
    pthread_join(t, NULL);
    return 0;
}
