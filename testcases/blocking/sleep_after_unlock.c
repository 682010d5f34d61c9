// Trap: fixed twin of usleep_under_lock.c, plus a helper that sleeps and is
// called only after the unlock, and a path that unlocks before napping.
// coffman-runtime: expect=clean args=5
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static pthread_mutex_t cache_mu = PTHREAD_MUTEX_INITIALIZER;
static int cache_gen;
static int nap_ms;

static void nap(void) {
    struct timespec d = {0, nap_ms * 1000000L};
    nanosleep(&d, NULL);
}

static void *refresher(void *arg) {
    int early = *(int *)arg;
    pthread_mutex_lock(&cache_mu);
    cache_gen++;
    if (early) {
        pthread_mutex_unlock(&cache_mu);
        usleep(nap_ms * 1000);
        return NULL;
    }
    pthread_mutex_unlock(&cache_mu);
    nap();
    return NULL;
}

int main(int argc, char **argv) {
    nap_ms = argc > 1 ? atoi(argv[1]) : 5;
    int early = argc > 2;
    pthread_t t;
    if (pthread_create(&t, NULL, refresher, &early) != 0)
        return 1;
    pthread_mutex_lock(&cache_mu);
    printf("gen %d\n", cache_gen);
    pthread_mutex_unlock(&cache_mu);
    pthread_join(t, NULL);
    return 0;
}
