// Robustness: 10,000 threads created and joined one after another, each
// taking two locks in one order.  Thread records must be recycled and the
// happens-before of join must keep the graph quiet; nothing is reported.
// coffman-runtime: expect=clean output=same
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>

enum { THREADS = 10000 };

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER, b = PTHREAD_MUTEX_INITIALIZER;
static long count;

static void *worker(void *arg) {
    (void)arg;
    pthread_mutex_lock(&a);
    pthread_mutex_lock(&b);
    count++;
    pthread_mutex_unlock(&b);
    pthread_mutex_unlock(&a);
    return NULL;
}

int main(void) {
    for (int i = 0; i < THREADS; i++) {
        pthread_t t;
        if (pthread_create(&t, NULL, worker, NULL) != 0 || pthread_join(t, NULL) != 0)
            return 1;
    }
    printf("%ld threads ran one after another\n", count);
    return count == THREADS ? 0 : 1;
}
