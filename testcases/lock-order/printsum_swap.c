/* Go's printSum in C: print_sum(v1, v2) locks v1 then v2, and two threads
 * call it with the arguments swapped, (&a, &b) and (&b, &a).  The lock
 * paths are parameters (v1->mu, v2->mu) that only become a.mu and b.mu at
 * the call sites: an analysis must instantiate them per thread.  Unlike the
 * seed, nothing sleeps under the lock; the second thread starts late.
 *
 * usage: printsum_swap [stagger_ms]
 *
 * coffman-runtime: expect=lock-order-inversion args=50
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
    unsigned delay_ms;
};

static void print_sum(struct value *v1, struct value *v2)
{
    pthread_mutex_lock(&v1->mu);
    pthread_mutex_lock(&v2->mu); // coffman-expect: lock-order-inversion
    printf("sum=%d\n", v1->value + v2->value);
    pthread_mutex_unlock(&v2->mu);
    pthread_mutex_unlock(&v1->mu);
}

static void *print_sum_thread(void *arg)
{
    struct sum_args *a = arg;
    usleep(a->delay_ms * 1000u);
    print_sum(a->v1, a->v2);
    return NULL;
}

int main(int argc, char **argv)
{
    unsigned stagger = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 10) : 100;
    struct value a = {PTHREAD_MUTEX_INITIALIZER, 1};
    struct value b = {PTHREAD_MUTEX_INITIALIZER, 2};
    struct sum_args ab = {&a, &b, 0}, ba = {&b, &a, stagger};
    pthread_t t1, t2;
    pthread_create(&t1, NULL, print_sum_thread, &ab);
    pthread_create(&t2, NULL, print_sum_thread, &ba);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
