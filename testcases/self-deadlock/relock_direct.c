// A retry loop that forgot its unlock: the second iteration locks the
// mutex it already holds.
// coffman-runtime: expect=self-deadlock hangs=yes args=2
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_mutex_t table_mu = PTHREAD_MUTEX_INITIALIZER;
static int table_size;

static void *grower(void *arg) {
    int rounds = *(int *)arg;
    for (int i = 0; i < rounds; i++) {
        pthread_mutex_lock(&table_mu); // coffman-expect: self-deadlock
        table_size *= 2;
        if (table_size > 64)
            pthread_mutex_unlock(&table_mu);
    }
    return NULL; // coffman-expect: lock-leak
}

int main(int argc, char **argv) {
    int rounds = argc > 1 ? atoi(argv[1]) : 1;
    pthread_t t;
    table_size = 1;
    if (pthread_create(&t, NULL, grower, &rounds) != 0)
        return 1;
    pthread_join(t, NULL);
    printf("size %d\n", table_size);
    return 0;
}
