/* The fix for printsum.c: both threads take the mutexes in one order
 * (a before b), so no circular wait can form, and the delay happens before
 * the locks are taken, so no thread sleeps while holding one.
 *
 * usage: printsum_ordered [delay_ms]
 *
 * coffman-runtime: expect=clean args=100
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
    struct value *first, *second;
};

static unsigned delay_ms = 2000;

static void print_sum(struct value *first, struct value *second)
{
    usleep(delay_ms * 1000u);
    pthread_mutex_lock(&first->mu);
    pthread_mutex_lock(&second->mu);
    printf("sum=%d\n", first->value + second->value);
    pthread_mutex_unlock(&second->mu);
    pthread_mutex_unlock(&first->mu);
}

static void *print_sum_thread(void *arg)
{
    struct sum_args *s = arg;
    print_sum(s->first, s->second);
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc > 1)
        delay_ms = (unsigned)strtoul(argv[1], NULL, 10);
    struct value a = {PTHREAD_MUTEX_INITIALIZER, 1};
    struct value b = {PTHREAD_MUTEX_INITIALIZER, 2};
    /* Both sums lock a first: the order is fixed by the data, not by the
     * argument order the caller happened to choose. */
    struct sum_args s1 = {&a, &b}, s2 = {&a, &b};
    pthread_t t1, t2;
    pthread_create(&t1, NULL, print_sum_thread, &s1);
    pthread_create(&t2, NULL, print_sum_thread, &s2);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
