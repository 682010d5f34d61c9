// Trap: under the lock the code only does non-blocking things: a trylock of
// a second lock, sem_trywait, and a timed wait on its own mutex.
// coffman-runtime: expect=clean
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <time.h>

static pthread_mutex_t a_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t b_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t a_cv = PTHREAD_COND_INITIALIZER;
static sem_t tokens;
static int done;

static void *worker(void *arg) {
    (void)arg;
    pthread_mutex_lock(&a_mu);
    if (pthread_mutex_trylock(&b_mu) == 0)
        pthread_mutex_unlock(&b_mu);
    if (sem_trywait(&tokens) == 0)
        puts("got a token");
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += 1;
    while (!done)
        if (pthread_cond_timedwait(&a_cv, &a_mu, &until) == ETIMEDOUT)
            break;
    pthread_mutex_unlock(&a_mu);
    return NULL;
}

int main(void) {
    sem_init(&tokens, 0, 1);
    pthread_t t;
    if (pthread_create(&t, NULL, worker, NULL) != 0)
        return 1;
    pthread_mutex_lock(&a_mu);
    done = 1;
    pthread_cond_broadcast(&a_cv);
    pthread_mutex_unlock(&a_mu);
    pthread_join(t, NULL);
    sem_destroy(&tokens);
    return 0;
}
