// main joins a worker while holding the lock the worker needs: the worker
// waits for the lock, main waits for the worker.  A real deadlock.
// coffman-runtime: expect=deadlock hangs=yes
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t stats_mu = PTHREAD_MUTEX_INITIALIZER;
static long hits;

static void *counter(void *arg) {
    (void)arg;
    pthread_mutex_lock(&stats_mu);
    hits++;
    pthread_mutex_unlock(&stats_mu);
    return NULL;
}

int main(void) {
    pthread_t t;
    pthread_mutex_lock(&stats_mu);
    if (pthread_create(&t, NULL, counter, NULL) != 0) {
        pthread_mutex_unlock(&stats_mu);
        return 1;
    }
    pthread_join(t, NULL); // coffman-expect: blocking-while-locked
    pthread_mutex_unlock(&stats_mu);
    printf("hits %ld\n", hits);
    return 0;
}
