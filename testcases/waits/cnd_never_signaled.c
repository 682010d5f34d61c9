// C11 threads: the waiter's condition is never signalled by anyone.
// coffman-runtime: expect=thread-leak args=50
#define _GNU_SOURCE
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <threads.h>

static mtx_t mu;
static cnd_t started;
static bool go;

static int waiter(void *arg) {
    (void)arg;
    mtx_lock(&mu);
    while (!go)
        cnd_wait(&started, &mu); // coffman-expect: never-signaled-wait
    mtx_unlock(&mu);
    return 0;
}

int main(int argc, char **argv) {
    int ms = argc > 1 ? atoi(argv[1]) : 50;
    mtx_init(&mu, mtx_plain);
    cnd_init(&started);
    thrd_t t;
    if (thrd_create(&t, waiter, NULL) != thrd_success)
        return 1;
    thrd_detach(t);
    struct timespec d = {ms / 1000, (ms % 1000) * 1000000L};
    thrd_sleep(&d, NULL); /* let the waiter reach its wait */
    mtx_lock(&mu);
    go = true;
    mtx_unlock(&mu);
    thrd_sleep(&d, NULL);
    puts("main done");
    return 0;
}
