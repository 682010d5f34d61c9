// A worker leaves through pthread_exit on an error path while it still
// holds the queue lock; the main thread then takes the lock with a
// timed wait, so the program itself ends, but the lock is leaked.
// coffman-runtime: expect=lock-leak
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <time.h>

static pthread_mutex_t queue_mu = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg) {
    pthread_mutex_lock(&queue_mu);
    if (arg == NULL)
        pthread_exit(NULL); // coffman-expect: lock-leak
    pthread_mutex_unlock(&queue_mu);
    return NULL;
}

int main(void) {
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    pthread_join(t, NULL);
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_nsec += 50 * 1000000L;
    if (ts.tv_nsec >= 1000000000L) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000L;
    }
    int r = pthread_mutex_timedlock(&queue_mu, &ts);
    printf("timedlock: %s\n", r == ETIMEDOUT ? "timed out" : "acquired");
    return 0;
}
