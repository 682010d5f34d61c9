// Trap: handles kept in an array (and in a struct field) and joined in
// loops, the WaitGroup idiom.
// coffman-runtime: expect=clean
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>

#define N 4

struct pool {
    pthread_t workers[N];
    pthread_t reaper;
};

static void *work(void *arg) {
    printf("worker %ld\n", (long)arg);
    return NULL;
}

static int pool_start(struct pool *p) {
    for (long i = 0; i < N; i++)
        if (pthread_create(&p->workers[i], NULL, work, (void *)i) != 0)
            return -1;
    return pthread_create(&p->reaper, NULL, work, (void *)99L);
}

static void pool_join(struct pool *p) {
    for (int i = 0; i < N; i++)
        pthread_join(p->workers[i], NULL);
    pthread_join(p->reaper, NULL);
}

int main(void) {
    pthread_t local[N];
    for (long i = 0; i < N; i++)
        pthread_create(&local[i], NULL, work, (void *)(i + 10));
    for (int i = 0; i < N; i++)
        pthread_join(local[i], NULL);
    static struct pool p;
    if (pool_start(&p) != 0)
        return 1;
    pool_join(&p);
    return 0;
}
