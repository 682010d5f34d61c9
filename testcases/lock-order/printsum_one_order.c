/* The twin of printsum_swap.c: the same print_sum, the same two threads,
 * but both pass (&a, &b).  v1->mu before v2->mu is then always a.mu before
 * b.mu: one order, no cycle.  A checker that reasons about the parameter
 * names alone (v1->mu vs v2->mu) or about the lock type alone (struct
 * value.mu) cannot tell this from the swapped call.
 *
 * coffman-runtime: expect=clean
 */
#include <pthread.h>
#include <stdio.h>

struct value {
    pthread_mutex_t mu;
    int value;
};

struct sum_args {
    struct value *v1, *v2;
};

static void print_sum(struct value *v1, struct value *v2)
{
    pthread_mutex_lock(&v1->mu);
    pthread_mutex_lock(&v2->mu);
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

int main(void)
{
    struct value a = {PTHREAD_MUTEX_INITIALIZER, 1};
    struct value b = {PTHREAD_MUTEX_INITIALIZER, 2};
    struct sum_args first = {&a, &b}, second = {&a, &b};
    pthread_t t1, t2;
    pthread_create(&t1, NULL, print_sum_thread, &first);
    pthread_create(&t2, NULL, print_sum_thread, &second);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
