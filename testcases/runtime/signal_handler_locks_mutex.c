// Robustness: a signal handler locks a mutex (one only handlers take, so
// it cannot deadlock).  20,000 signals come from another thread, each
// waited for, while the interrupted thread creates, takes and destroys
// locks (inside the shim's slow paths too); then the thread raises
// 200,000 more itself while it holds a lock.  No hang, no crash, every
// signal handled, nothing reported.
// coffman-runtime: expect=clean output=same
#define _GNU_SOURCE
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

enum { SENT = 20000, RAISED = 200000 };

static pthread_mutex_t handler_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t work = PTHREAD_MUTEX_INITIALIZER;
static sem_t handled_one;
static atomic_int sent_all;
static long handled;
static pthread_t target;

static void on_signal(int sig) {
    (void)sig;
    pthread_mutex_lock(&handler_lock);
    handled++;
    pthread_mutex_unlock(&handler_lock);
    sem_post(&handled_one);   /* async-signal-safe */
}

static void *sender(void *arg) {
    (void)arg;
    for (int i = 0; i < SENT; i++) {
        pthread_kill(target, SIGUSR1);
        while (sem_wait(&handled_one) != 0)
            ;
    }
    atomic_store(&sent_all, 1);
    return NULL;
}

int main(void) {
    struct sigaction sa = {0};
    sa.sa_handler = on_signal;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGUSR1, &sa, NULL);
    sem_init(&handled_one, 0, 0);
    target = pthread_self();
    pthread_t s;
    pthread_create(&s, NULL, sender, NULL);
    while (!atomic_load(&sent_all)) {
        pthread_mutex_t *fresh = malloc(sizeof *fresh);
        pthread_mutex_init(fresh, NULL);
        pthread_mutex_lock(&work);
        pthread_mutex_lock(fresh);
        pthread_mutex_unlock(fresh);
        pthread_mutex_unlock(&work);
        pthread_mutex_destroy(fresh);
        free(fresh);
    }
    pthread_join(s, NULL);
    pthread_mutex_lock(&work);
    for (int i = 0; i < RAISED; i++)
        raise(SIGUSR1);
    pthread_mutex_unlock(&work);
    printf("%ld of %d signals handled\n", handled, SENT + RAISED);
    return handled == SENT + RAISED ? 0 : 1;
}
