// Detaching frees a thread's handle, not the thread: main returns while
// both detached workers are still alive, one waiting on a condition
// variable that nothing ever signals, one polling forever.  Both are
// leaked (ThreadSanitizer reports neither).
// coffman-runtime: expect=thread-leak args=50
#include "channel.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_mutex_t job_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t job_ready = PTHREAD_COND_INITIALIZER;
static bool have_job;
static atomic_long polls;

static void *waiter(void *arg) {
    (void)arg;
    pthread_mutex_lock(&job_mu);
    while (!have_job)
        pthread_cond_wait(&job_ready, &job_mu); // coffman-expect: never-signaled-wait
    pthread_mutex_unlock(&job_mu);
    return NULL;
}

static void *poller(void *arg) {
    unsigned ms = *(unsigned *)arg;
    for (;;) { // coffman-expect: no-termination
        atomic_fetch_add(&polls, 1);
        sleep_ms(ms);
    }
    return NULL;
}

static void start_detached(void *(*fn)(void *), void *arg) {
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_t t;
    if (pthread_create(&t, &attr, fn, arg) != 0)
        exit(1);
    pthread_attr_destroy(&attr);
}

int main(int argc, char **argv) {
    static unsigned ms;
    ms = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 10) : 50;
    start_detached(waiter, NULL);
    start_detached(poller, &ms);
    sleep_ms(2 * ms);
    puts("main returns with two detached threads alive");
    return 0;
}
