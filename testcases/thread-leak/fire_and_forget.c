// notify_async() starts a thread per event and forgets the handle: the
// threads are neither joined nor detached.
// coffman-runtime: expect=thread-leak args=20
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void *notify(void *arg) {
    printf("event %ld\n", (long)arg);
    return NULL;
}

static void notify_async(long event) {
    pthread_t t;
    pthread_create(&t, NULL, notify, (void *)event); // coffman-expect: thread-leak
}

int main(int argc, char **argv) {
    int ms = argc > 1 ? atoi(argv[1]) : 20;
    for (long e = 0; e < 3; e++)
        notify_async(e);
    usleep(ms * 1000);
    return 0;
}
