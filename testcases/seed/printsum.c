/* The talk's "find the mistake": print_sum locks v1, sleeps, then locks v2.
 * One thread sums (a, b), the other (b, a): each holds one mutex and waits
 * for the other's, and both wait forever.  All four Coffman conditions
 * hold: the mutexes are exclusive, each thread holds one while waiting for
 * the other, nothing takes a held mutex away, and the waits form a circle.
 *
 * usage: printsum [delay_ms]   (the talk sleeps 2 s; tests pass less)
 *
 * coffman-runtime: expect=deadlock,lock-order-inversion hangs=yes args=100
 */
#define _DEFAULT_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

struct value {
    pthread_mutex_t mu;
    int value;
};

struct sum_args {
    struct value *v1, *v2;
};

static unsigned delay_ms = 2000;

static void print_sum(struct value *v1, struct value *v2)
{
    pthread_mutex_lock(&v1->mu);
    usleep(delay_ms * 1000u); // coffman-expect: blocking-while-locked
    pthread_mutex_lock(&v2->mu); // coffman-expect: lock-order-inversion
    printf("sum=%d\n", v1->value + v2->value);
    pthread_mutex_unlock(&v2->mu);
    pthread_mutex_unlock(&v1->mu);
}

static void *print_sum_thread(void *arg)
{
    struct sum_args *a = arg;
    print_sum(a->v1, a->v2);
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc > 1)
        delay_ms = (unsigned)strtoul(argv[1], NULL, 10);
    struct value a = {PTHREAD_MUTEX_INITIALIZER, 1};
    struct value b = {PTHREAD_MUTEX_INITIALIZER, 2};
    struct sum_args ab = {&a, &b}, ba = {&b, &a};
    pthread_t t1, t2;
    pthread_create(&t1, NULL, print_sum_thread, &ab);
    pthread_create(&t2, NULL, print_sum_thread, &ba);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
