// set_limit() takes the config lock and returns early on a bad value
// without releasing it; the worker thread then ends holding the lock.
// coffman-runtime: expect=lock-leak args=-1
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_mutex_t config_mu = PTHREAD_MUTEX_INITIALIZER;
static int limit = 10;

static int set_limit(int v) {
    pthread_mutex_lock(&config_mu);
    if (v < 0)
        return -1; // coffman-expect: lock-leak
    limit = v;
    pthread_mutex_unlock(&config_mu);
    return 0;
}

static void *configurer(void *arg) {
    int v = *(int *)arg;
    if (set_limit(v) != 0)
        fprintf(stderr, "bad limit %d\n", v);
    return NULL;
}

int main(int argc, char **argv) {
    int v = argc > 1 ? atoi(argv[1]) : 20;
    pthread_t t;
    if (pthread_create(&t, NULL, configurer, &v) != 0)
        return 1;
    pthread_join(t, NULL);
    printf("limit %d\n", limit);
    return 0;
}
