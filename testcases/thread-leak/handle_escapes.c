// Trap: the handle is returned to the caller, which joins it, and a C11
// thread is joined through thrd_join.
// coffman-runtime: expect=clean
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <threads.h>

static void *task(void *arg) {
    printf("task %ld\n", (long)arg);
    return NULL;
}

static int c11_task(void *arg) {
    (void)arg;
    puts("c11 task");
    return 0;
}

static pthread_t spawn(long n) {
    pthread_t t;
    pthread_create(&t, NULL, task, (void *)n);
    return t;
}

int main(void) {
    pthread_t t = spawn(1);
    thrd_t c;
    if (thrd_create(&c, c11_task, NULL) != thrd_success)
        return 1;
    thrd_join(c, NULL);
    pthread_join(t, NULL);
    return 0;
}
