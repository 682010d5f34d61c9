// Robustness: mutexes inside calloc'ed objects are freed without
// pthread_mutex_destroy, and the allocator hands their addresses to the
// next objects, which are locked in the opposite order.  Different
// objects, no cycle: the freed mutexes must leave the graph (Helgrind
// reports a false cycle here).
// coffman-runtime: expect=clean
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct account {
    pthread_mutex_t mu;
    long balance;
};

static struct account *x, *y;

static void *x_then_y(void *arg) {
    (void)arg;
    pthread_mutex_lock(&x->mu);
    pthread_mutex_lock(&y->mu);
    y->balance += x->balance;
    pthread_mutex_unlock(&y->mu);
    pthread_mutex_unlock(&x->mu);
    return NULL;
}

int main(void) {
    struct account *first = calloc(1, sizeof *first), *second = calloc(1, sizeof *second);
    x = first;
    y = second;
    pthread_t t;
    pthread_create(&t, NULL, x_then_y, NULL);
    pthread_join(t, NULL);
    free(first);
    free(second);
    /* LIFO reuse: the next two objects land on second's and first's
     * addresses, so locking them in allocation order reverses the old
     * address order. */
    struct account *third = calloc(1, sizeof *third), *fourth = calloc(1, sizeof *fourth);
    x = third;
    y = fourth;
    pthread_create(&t, NULL, x_then_y, NULL);
    pthread_join(t, NULL);
    printf("reused: %s\n", (void *)third == (void *)second ? "yes" : "no");
    free(third);
    free(fourth);
    return 0;
}
