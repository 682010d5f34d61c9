// A worker that, on shutdown, joins the current thread: a thread joining
// itself can never return (glibc notices and returns EDEADLK, which this
// code ignores).
// coffman-runtime: runtime=skip why=glibc-returns-EDEADLK-instead-of-hanging
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>

static void *worker(void *arg) {
    (void)arg;
    puts("worker shutting down");
    pthread_join(pthread_self(), NULL); // coffman-expect: self-deadlock
    return NULL;
}

int main(void) {
    pthread_t t;
    if (pthread_create(&t, NULL, worker, NULL) != 0)
        return 1;
    pthread_join(t, NULL);
    return 0;
}
