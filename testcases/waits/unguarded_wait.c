// The wait is guarded by an `if`, not a loop: a spurious wakeup, or a
// second consumer taking the item first, lets it run on with `ready` false.
// coffman-runtime: expect=clean
#define _GNU_SOURCE
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static bool ready;
static int value;

static void *reader(void *arg) {
    (void)arg;
    pthread_mutex_lock(&mu);
    if (!ready)
        pthread_cond_wait(&cv, &mu); // coffman-expect: unguarded-wait
    printf("value %d\n", value);
    pthread_mutex_unlock(&mu);
    return NULL;
}

int main(void) {
    pthread_t t;
    if (pthread_create(&t, NULL, reader, NULL) != 0)
        return 1;
    pthread_mutex_lock(&mu);
    value = 7;
    ready = true;
    pthread_cond_signal(&cv);
    pthread_mutex_unlock(&mu);
    pthread_join(t, NULL);
    return 0;
}
