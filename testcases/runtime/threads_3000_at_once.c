// Robustness: 3,000 threads alive at the same time, each taking the same
// two locks in one order, all waiting at one barrier before they end.
// The shim's thread records and held-lock stacks must all fit; nothing is
// reported.
// coffman-runtime: expect=clean output=same
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>

enum { THREADS = 3000 };

static pthread_mutex_t outer = PTHREAD_MUTEX_INITIALIZER, inner = PTHREAD_MUTEX_INITIALIZER;
static pthread_barrier_t all_alive;
static long count;

static void *worker(void *arg) {
    (void)arg;
    pthread_mutex_lock(&outer);
    pthread_mutex_lock(&inner);
    count++;
    pthread_mutex_unlock(&inner);
    pthread_mutex_unlock(&outer);
    pthread_barrier_wait(&all_alive);
    return NULL;
}

int main(void) {
    static pthread_t t[THREADS];
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 64 * 1024);
    pthread_barrier_init(&all_alive, NULL, THREADS + 1);
    int created = 0;
    for (int i = 0; i < THREADS; i++)
        if (pthread_create(&t[i], &attr, worker, NULL) == 0)
            created++;
    if (created != THREADS) {
        printf("only %d threads could be created\n", created);
        return 1;
    }
    pthread_barrier_wait(&all_alive);
    for (int i = 0; i < THREADS; i++)
        pthread_join(t[i], NULL);
    printf("%ld threads took both locks\n", count);
    return count == THREADS ? 0 : 1;
}
