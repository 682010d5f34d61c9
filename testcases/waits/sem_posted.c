// Fixed twin of sem_never_posted.c: the producer posts.
// coffman-runtime: expect=clean
#define _GNU_SOURCE
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

static sem_t items;
static int slot;

static void *consumer(void *arg) {
    (void)arg;
    sem_wait(&items);
    printf("consumed %d\n", slot);
    return NULL;
}

int main(void) {
    sem_init(&items, 0, 0);
    pthread_t t;
    if (pthread_create(&t, NULL, consumer, NULL) != 0)
        return 1;
    slot = 42;
    sem_post(&items);
    pthread_join(t, NULL);
    sem_destroy(&items);
    return 0;
}
