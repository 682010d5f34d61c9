// Robustness: a worker ends the whole process with exit() while main is
// blocked in pthread_join and another worker waits on a condition
// variable.  The shim's exit handling must not hang or crash; the waiter,
// blocked forever at exit on a never-signalled condition, is a leak.
// coffman-runtime: expect=thread-leak output=same
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int ready;

static void *waiter(void *arg) {
    (void)arg;
    pthread_mutex_lock(&mu);
    while (!ready)
        pthread_cond_wait(&cv, &mu); // coffman-expect: never-signaled-wait
    pthread_mutex_unlock(&mu);
    return NULL;
}

static void *quitter(void *arg) {
    (void)arg;
    usleep(20000);
    fflush(stdout);
    exit(0);
}

int main(void) {
    pthread_t w, q;
    pthread_create(&w, NULL, waiter, NULL);
    pthread_create(&q, NULL, quitter, NULL);
    puts("main joins");
    pthread_join(q, NULL);
    pthread_join(w, NULL);
    return 1;
}
