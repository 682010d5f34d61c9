// Trap: threads created detached through their attributes, a thread
// detached right after creation, and one that detaches itself.  main waits
// on a semaphore until all three have finished their work.
// coffman-runtime: expect=clean
#define _GNU_SOURCE
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

static sem_t finished;

static void *job(void *arg) {
    printf("job %ld\n", (long)arg);
    sem_post(&finished);
    return NULL;
}

static void *self_detaching(void *arg) {
    pthread_detach(pthread_self());
    return job(arg);
}

int main(void) {
    sem_init(&finished, 0, 0);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_t a, b, c;
    if (pthread_create(&a, &attr, job, (void *)1L) != 0)
        return 1;
    pthread_attr_destroy(&attr);
    if (pthread_create(&b, NULL, job, (void *)2L) != 0)
        return 1;
    pthread_detach(b);
    if (pthread_create(&c, NULL, self_detaching, (void *)3L) != 0)
        return 1;
    for (int i = 0; i < 3; i++)
        sem_wait(&finished);
    sem_destroy(&finished);
    return 0;
}
