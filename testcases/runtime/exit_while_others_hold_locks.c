// Robustness: a worker calls exit() while the other workers are in the
// middle of taking and holding locks.  The shim's exit handling runs
// while they keep calling into it: no hang, no crash.  The workers still
// running at exit are leaked threads.
// coffman-runtime: expect=thread-leak output=same
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

enum { WORKERS = 6, LOCKS = 8 };

static pthread_mutex_t locks[LOCKS] = {
    PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER,
    PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER,
};

static void *holder(void *arg) {
    long first = (long)arg;
    for (;;) { // coffman-expect: no-termination
        /* Always in ascending order: no inversion. */
        for (long i = first; i < LOCKS; i++)
            pthread_mutex_lock(&locks[i]);
        for (long i = LOCKS - 1; i >= first; i--)
            pthread_mutex_unlock(&locks[i]);
    }
    return NULL;
}

static void *quitter(void *arg) {
    (void)arg;
    usleep(50000);
    puts("a worker calls exit(0)");
    fflush(stdout);
    exit(0);
}

int main(void) {
    pthread_t t[WORKERS], q;
    for (long i = 0; i < WORKERS; i++)
        pthread_create(&t[i], NULL, holder, (void *)(i % 3)); // coffman-expect: thread-leak
    pthread_create(&q, NULL, quitter, NULL);
    pthread_join(q, NULL);
    return 1;
}
