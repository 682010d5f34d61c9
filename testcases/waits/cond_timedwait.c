// Trap: nothing signals `tick`, but the wait is timed, so it ends on its
// own (a periodic timer idiom).  A timed wait is never "forever".
// coffman-runtime: expect=clean args=3
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t tick = PTHREAD_COND_INITIALIZER;

static void *ticker(void *arg) {
    int rounds = *(int *)arg;
    pthread_mutex_lock(&mu);
    for (int i = 0; i < rounds; i++) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += 10 * 1000 * 1000;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec += 1;
            until.tv_nsec -= 1000000000L;
        }
        int rc;
        do
            rc = pthread_cond_timedwait(&tick, &mu, &until);
        while (rc != ETIMEDOUT);
        printf("tick %d\n", i);
    }
    pthread_mutex_unlock(&mu);
    return NULL;
}

int main(int argc, char **argv) {
    int rounds = argc > 1 ? atoi(argv[1]) : 3;
    pthread_t t;
    if (pthread_create(&t, NULL, ticker, &rounds) != 0)
        return 1;
    pthread_join(t, NULL);
    return 0;
}
