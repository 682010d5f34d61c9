// One handle variable for every thread of the loop: each create overwrites
// the previous handle, so only the last thread is ever joined.
// coffman-runtime: expect=thread-leak
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>

static void *fetch(void *arg) {
    printf("fetch %ld\n", (long)arg);
    return NULL;
}

int main(void) {
    pthread_t t;
    for (long i = 0; i < 4; i++)
        if (pthread_create(&t, NULL, fetch, (void *)i) != 0) // coffman-expect: thread-leak
            return 1;
    pthread_join(t, NULL);
    return 0;
}
