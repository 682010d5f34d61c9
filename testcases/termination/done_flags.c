// Traps: three workers whose loops look endless but each has a path to
// termination: an atomic done flag, a done flag read under its lock, and
// an unrecoverable error that ends the thread.
// coffman-runtime: expect=clean args=10
#include "channel.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

static atomic_bool stop_atomic;
static pthread_mutex_t stop_mu = PTHREAD_MUTEX_INITIALIZER;
static bool stop_locked;
static unsigned ms;

static void *atomic_worker(void *arg) {
    (void)arg;
    while (!atomic_load(&stop_atomic))
        sleep_ms(1);
    return NULL;
}

static bool should_stop(void) {
    pthread_mutex_lock(&stop_mu);
    bool s = stop_locked;
    pthread_mutex_unlock(&stop_mu);
    return s;
}

static void *locked_worker(void *arg) {
    (void)arg;
    for (;;) {
        if (should_stop())
            break;
        sleep_ms(1);
    }
    return NULL;
}

static void *failing_worker(void *arg) {
    int budget = *(int *)arg;
    for (;;) {
        if (--budget < 0) {
            fputs("out of budget\n", stderr);
            pthread_exit(NULL);
        }
        sleep_ms(1);
    }
}

int main(int argc, char **argv) {
    ms = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 10) : 10;
    int budget = 3;
    pthread_t a, b, c;
    if (pthread_create(&a, NULL, atomic_worker, NULL) != 0 ||
        pthread_create(&b, NULL, locked_worker, NULL) != 0 ||
        pthread_create(&c, NULL, failing_worker, &budget) != 0)
        return 1;
    sleep_ms(ms);
    atomic_store(&stop_atomic, true);
    pthread_mutex_lock(&stop_mu);
    stop_locked = true;
    pthread_mutex_unlock(&stop_mu);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    pthread_join(c, NULL);
    return 0;
}
