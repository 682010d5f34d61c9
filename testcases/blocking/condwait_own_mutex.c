// Trap: a condition wait holding only its own mutex, which the wait
// releases.  Nothing stays held while it blocks.
// coffman-runtime: expect=clean
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t queue_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t queue_cv = PTHREAD_COND_INITIALIZER;
static int queued;

static void *taker(void *arg) {
    (void)arg;
    pthread_mutex_lock(&queue_mu);
    while (queued == 0)
        pthread_cond_wait(&queue_cv, &queue_mu);
    queued--;
    pthread_mutex_unlock(&queue_mu);
    return NULL;
}

int main(void) {
    pthread_t t;
    if (pthread_create(&t, NULL, taker, NULL) != 0)
        return 1;
    pthread_mutex_lock(&queue_mu);
    queued++;
    pthread_cond_signal(&queue_cv);
    pthread_mutex_unlock(&queue_mu);
    pthread_join(t, NULL);
    puts("taken");
    return 0;
}
