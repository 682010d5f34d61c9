// Twin of single_thread_cycle with report_single_thread=1: the order
// a -> b -> a is reported lockdep-style, although this run had one thread.
// coffman-runtime: expect=lock-order-inversion options=report_single_thread=1
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;

int main(void) {
    pthread_mutex_lock(&a);
    pthread_mutex_lock(&b);
    pthread_mutex_unlock(&b);
    pthread_mutex_unlock(&a);
    pthread_mutex_lock(&b);
    pthread_mutex_lock(&a);
    pthread_mutex_unlock(&a);
    pthread_mutex_unlock(&b);
    puts("done");
    return 0;
}
