// The seed's printsum with C11 <threads.h>: glibc implements mtx_lock
// without going through pthread_mutex_lock, so the shim must see mtx_*
// on their own.  Two threads each hold one mtx_t and wait for the other's.
// coffman-runtime: expect=deadlock,lock-order-inversion hangs=yes args=100
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <threads.h>
#include <time.h>

struct value {
    mtx_t mu;
    int value;
};

struct pair {
    struct value *v1, *v2;
};

static unsigned delay_ms = 2000;

static int print_sum(void *arg) {
    struct pair *p = arg;
    mtx_lock(&p->v1->mu);
    struct timespec ts = {delay_ms / 1000, (long)(delay_ms % 1000) * 1000000L};
    thrd_sleep(&ts, NULL); // coffman-expect: blocking-while-locked
    mtx_lock(&p->v2->mu); // coffman-expect: lock-order-inversion
    printf("sum=%d\n", p->v1->value + p->v2->value);
    mtx_unlock(&p->v2->mu);
    mtx_unlock(&p->v1->mu);
    return 0;
}

int main(int argc, char **argv) {
    if (argc > 1)
        delay_ms = (unsigned)strtoul(argv[1], NULL, 10);
    struct value a = {.value = 1}, b = {.value = 2};
    mtx_init(&a.mu, mtx_plain);
    mtx_init(&b.mu, mtx_plain);
    struct pair ab = {&a, &b}, ba = {&b, &a};
    thrd_t t1, t2;
    thrd_create(&t1, print_sum, &ab);
    thrd_create(&t2, print_sum, &ba);
    thrd_join(t1, NULL);
    thrd_join(t2, NULL);
    return 0;
}
