// Robustness: statically initialised locks of every kind, used before
// main (a constructor) and from threads: the shim learns each lock at its
// first use, including the recursive initializer's relocks.  Silent.
// coffman-runtime: expect=clean
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t plain = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t recursive = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;
static pthread_mutex_t checking = PTHREAD_ERRORCHECK_MUTEX_INITIALIZER_NP;
static pthread_rwlock_t table = PTHREAD_RWLOCK_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;
static int value;

__attribute__((constructor)) static void early(void) {
    pthread_mutex_lock(&plain);
    value = 1;
    pthread_mutex_unlock(&plain);
}

static void *work(void *arg) {
    (void)arg;
    pthread_mutex_lock(&recursive);
    pthread_mutex_lock(&recursive);
    pthread_rwlock_rdlock(&table);
    value++;
    pthread_rwlock_unlock(&table);
    pthread_mutex_unlock(&recursive);
    pthread_mutex_unlock(&recursive);
    pthread_mutex_lock(&checking);
    pthread_cond_broadcast(&changed);
    pthread_mutex_unlock(&checking);
    return NULL;
}

int main(void) {
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, work, NULL);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    pthread_rwlock_wrlock(&table);
    printf("value %d\n", value);
    pthread_rwlock_unlock(&table);
    return 0;
}
