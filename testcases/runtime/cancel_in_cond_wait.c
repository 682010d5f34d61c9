// Robustness: a thread cancelled inside pthread_cond_wait.  glibc takes
// the mutex back before the cleanup handler runs, and the handler unlocks
// it.  The shim must keep its books straight: no lock-leak, no stale wait,
// the mutex usable afterwards.  200 rounds; nothing is reported.
// coffman-runtime: expect=clean output=same
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t outer = PTHREAD_MUTEX_INITIALIZER, mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t never = PTHREAD_COND_INITIALIZER;
static int waiting;

static void unlock_mu(void *arg) {
    (void)arg;
    pthread_mutex_unlock(&mu);
}

static void *waiter(void *arg) {
    (void)arg;
    pthread_mutex_lock(&mu);
    pthread_cleanup_push(unlock_mu, NULL);
    waiting = 1;
    for (;;)
        pthread_cond_wait(&never, &mu); // coffman-expect: never-signaled-wait
    pthread_cleanup_pop(1);
    return NULL;
}

int main(void) {
    int cancelled = 0;
    for (int round = 0; round < 200; round++) {
        waiting = 0;
        pthread_t t;
        pthread_create(&t, NULL, waiter, NULL);
        /* mu is free only once the waiter sleeps in pthread_cond_wait. */
        for (int seen = 0; !seen;) {
            pthread_mutex_lock(&mu);
            seen = waiting;
            pthread_mutex_unlock(&mu);
        }
        pthread_cancel(t);
        void *ret = NULL;
        pthread_join(t, &ret);
        cancelled += ret == PTHREAD_CANCELED;
        pthread_mutex_lock(&outer);
        pthread_mutex_lock(&mu);
        pthread_mutex_unlock(&mu);
        pthread_mutex_unlock(&outer);
    }
    printf("%d of 200 waiters cancelled in pthread_cond_wait\n", cancelled);
    return cancelled == 200 ? 0 : 1;
}
