// A consumer waits on a semaphore that no code ever posts.
// coffman-runtime: expect=thread-leak args=50
#define _GNU_SOURCE
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static sem_t items;
static int slot;

static void *consumer(void *arg) {
    (void)arg;
    sem_wait(&items); // coffman-expect: never-signaled-wait
    printf("consumed %d\n", slot);
    return NULL;
}

int main(int argc, char **argv) {
    int ms = argc > 1 ? atoi(argv[1]) : 50;
    sem_init(&items, 0, 0);
    pthread_t t;
    if (pthread_create(&t, NULL, consumer, NULL) != 0)
        return 1;
    pthread_detach(t);
    slot = 42; /* produced, but never posted */
    usleep(ms * 1000);
    return 0;
}
