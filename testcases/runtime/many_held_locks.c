// Robustness: a thread holds 300 locks at once (ThreadSanitizer's
// detector stops at 64).  Two threads take them in the same order:
// nothing to report, and the held-lock stack must grow, not overflow.
// coffman-runtime: expect=clean output=same
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>

enum { N = 300 };
static pthread_mutex_t locks[N];

static void *take_all(void *arg) {
    (void)arg;
    for (int round = 0; round < 20; round++) {
        for (int i = 0; i < N; i++)
            pthread_mutex_lock(&locks[i]);
        for (int i = N - 1; i >= 0; i--)
            pthread_mutex_unlock(&locks[i]);
    }
    return NULL;
}

int main(void) {
    for (int i = 0; i < N; i++)
        pthread_mutex_init(&locks[i], NULL);
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, take_all, NULL);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    for (int i = 0; i < N; i++)
        pthread_mutex_destroy(&locks[i]);
    puts("done");
    return 0;
}
