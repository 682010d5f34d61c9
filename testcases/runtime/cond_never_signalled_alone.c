// "All threads are asleep": the only other thread has finished, and main
// waits on a condition variable nothing will ever signal.  Go would say
// "all goroutines are asleep - deadlock!"; the shim reports deadlock.
// coffman-runtime: expect=deadlock hangs=yes
#define _GNU_SOURCE
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t done_cv = PTHREAD_COND_INITIALIZER;
static bool done;

static void *worker(void *arg) {
    (void)arg;
    pthread_mutex_lock(&mu);
    puts("working");   /* forgets to set done and signal */
    pthread_mutex_unlock(&mu);
    return NULL;
}

int main(void) {
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    pthread_join(t, NULL);
    pthread_mutex_lock(&mu);
    while (!done)
        pthread_cond_wait(&done_cv, &mu); // coffman-expect: never-signaled-wait
    pthread_mutex_unlock(&mu);
    return 0;
}
