// The registry lock is held across pthread_join: the joined worker never
// needs the lock, so this cannot deadlock, but everyone else waits for the
// worker to finish.
// coffman-runtime: expect=clean args=5
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static pthread_mutex_t registry_mu = PTHREAD_MUTEX_INITIALIZER;
static int registered;
static int work_ms;

static void *worker(void *arg) {
    (void)arg;
    usleep(work_ms * 1000);
    return NULL;
}

int main(int argc, char **argv) {
    work_ms = argc > 1 ? atoi(argv[1]) : 5;
    pthread_t t;
    pthread_mutex_lock(&registry_mu);
    if (pthread_create(&t, NULL, worker, NULL) != 0) {
        pthread_mutex_unlock(&registry_mu);
        return 1;
    }
    registered++;
    pthread_join(t, NULL); // coffman-expect: blocking-while-locked
    registered--;
    pthread_mutex_unlock(&registry_mu);
    printf("registered %d\n", registered);
    return 0;
}
