// A thread routine that locks the stats lock and ends without releasing
// it (the unlock was lost in a refactoring).
// coffman-runtime: expect=lock-leak
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t stats_mu = PTHREAD_MUTEX_INITIALIZER;
static long samples;

static void *sampler(void *arg) {
    (void)arg;
    pthread_mutex_lock(&stats_mu);
    samples++;
    return NULL; // coffman-expect: lock-leak
}

int main(void) {
    pthread_t t;
    if (pthread_create(&t, NULL, sampler, NULL) != 0)
        return 1;
    pthread_join(t, NULL);
    printf("samples %ld\n", samples);
    return 0;
}
