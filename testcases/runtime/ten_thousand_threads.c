// Robustness: 10,000 threads, up to 200 alive at once, each taking two
// locks in one order; records must be recycled and nothing reported.
// coffman-runtime: expect=clean output=same args=10000
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_mutex_t outer = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t inner = PTHREAD_MUTEX_INITIALIZER;
static long count;

static void *work(void *arg) {
    (void)arg;
    pthread_mutex_lock(&outer);
    pthread_mutex_lock(&inner);
    count++;
    pthread_mutex_unlock(&inner);
    pthread_mutex_unlock(&outer);
    return NULL;
}

int main(int argc, char **argv) {
    long n = argc > 1 ? strtol(argv[1], NULL, 10) : 10000;
    enum { BATCH = 200 };
    pthread_t t[BATCH];
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 64 * 1024);
    for (long done = 0; done < n; done += BATCH) {
        for (int i = 0; i < BATCH; i++)
            if (pthread_create(&t[i], &attr, work, NULL) != 0)
                return 1;
        for (int i = 0; i < BATCH; i++)
            pthread_join(t[i], NULL);
    }
    pthread_attr_destroy(&attr);
    printf("count %ld\n", count);
    return count == (n + BATCH - 1) / BATCH * BATCH ? 0 : 1;
}
